using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DingGate.Bench.Rig;

/// <summary>The emulator's control API (docs/emulator.md), over loopback HTTP like any test client would use it.</summary>
internal sealed class EmulatorControl(HttpClient http)
{
    public async Task AddUserAsync(string userId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("_emulator/users", new { userId, nick = "Bench " + userId, isAdmin = false, external = false }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<InjectedMessage> InjectAsync(string clientId, string userId, string text, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "_emulator/messages", new { clientId, from = userId, conversation = "dm", msgtype = "text", text }, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || answer.Length == 0)
        {
            throw new InvalidOperationException($"/_emulator/messages: {(int)response.StatusCode} {(answer.Length == 0 ? "(empty answer)" : answer)}");
        }

        var body = JsonNode.Parse(answer) as JsonObject ?? throw new InvalidOperationException("/_emulator/messages: not a JSON object: " + answer);

        var webhook = new Uri(body["sessionWebhook"]!.GetValue<string>());
        var session = webhook.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "session")[1];
        return new InjectedMessage(
            body["msgId"]!.GetValue<string>(), body["messageId"]?.GetValue<string>() ?? string.Empty, session, body["delivered"]?.GetValue<bool>() == true);
    }

    /// <summary>Client ids with a live Stream connection.</summary>
    public async Task<IReadOnlySet<string>> ConnectedAppsAsync(CancellationToken cancellationToken)
    {
        var list = await http.GetFromJsonAsync<JsonArray>("_emulator/connections", cancellationToken) ?? [];
        return list.Where(c => c?["state"]?.GetValue<string>() == "active").Select(c => c!["clientId"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = await http.GetStreamAsync(path, cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}
