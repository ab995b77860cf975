namespace DingGate.DingTalk.Stream.Registration;

internal sealed record StreamSubscriptionDto(string Type, string Topic);
