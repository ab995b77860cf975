using DingGate.Core.Configuration;

namespace DingGate.DingTalk.Stream.Registration;

/// <summary>
/// Opens a Stream connection slot (spec §1.2): <c>POST /v1.0/gateway/connections/open</c> → endpoint + one-time ticket.
/// Kept behind an interface so the call can move onto the shared DingTalk API send core.
/// </summary>
internal interface IStreamRegistrar
{
    /// <summary>Registers; throws <see cref="StreamConnectionException"/> (classified) on failure.</summary>
    Task<StreamRegistration> OpenAsync(DingTalkAccount account, CancellationToken cancellationToken);
}
