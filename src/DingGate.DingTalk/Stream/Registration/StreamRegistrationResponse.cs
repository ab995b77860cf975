namespace DingGate.DingTalk.Stream.Registration;

internal sealed class StreamRegistrationResponse
{
    public string? Endpoint { get; set; }

    public string? Ticket { get; set; }
}
