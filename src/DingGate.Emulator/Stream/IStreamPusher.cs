namespace DingGate.Emulator.Stream;

/// <summary>
/// Pushes CALLBACK/EVENT frames to an app's Stream connections: one live, subscribed, non-go-away connection chosen at
/// random per push (spec §1.9), with ACK tracking and redelivery per <see cref="StreamPushKind"/>.
/// </summary>
internal interface IStreamPusher
{
    PushHandle Push(string clientId, StreamPushRequest request);
}
