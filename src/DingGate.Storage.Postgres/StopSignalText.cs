using DingGate.Core.Cluster;

namespace DingGate.Storage.Postgres;

// The NOTIFY payload of a stop signal: fields separated by U+001F (no id, account id or session scope holds it).
// "R␟id␟account␟scope" for a request, "H␟id" when a replica honoured one.
internal static class StopSignalText
{
    private const char Separator = '\u001f';

    public static string Requested(StopRequest request) =>
        string.Join(Separator, "R", request.Id, request.AccountId, request.SessionScope);

    public static string Honoured(string id) => "H" + Separator + id;

    public static bool TryParse(string payload, out StopSignal signal)
    {
        var parts = (payload ?? string.Empty).Split(Separator);
        signal = parts switch
        {
            ["R", var id, var account, var scope] => new StopSignal(StopSignalKind.Requested, id, account, scope),
            ["H", var id] => new StopSignal(StopSignalKind.Honoured, id, string.Empty, string.Empty),
            _ => null!,
        };
        return signal is not null;
    }
}
