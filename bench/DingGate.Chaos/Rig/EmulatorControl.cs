using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DingGate.Chaos.Rig;

/// <summary>The emulator's control API (<c>/_emulator/*</c>, docs/emulator.md) over HTTP: fixtures, faults, injection, the record.</summary>
internal sealed class EmulatorControl(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public Task AddUserAsync(string userId, string nick, CancellationToken ct) =>
        PostAsync("/_emulator/users", new JsonObject { ["userId"] = userId, ["nick"] = nick }, ct);

    public Task AddGroupAsync(string id, string title, IEnumerable<string> members, CancellationToken ct) =>
        PostAsync("/_emulator/groups", new JsonObject { ["openConversationId"] = id, ["title"] = title, ["members"] = new JsonArray([.. members.Select(m => (JsonNode)m)]) }, ct);

    public async Task PatchSettingsAsync(JsonObject settings, CancellationToken ct)
    {
        using var response = await _http.PatchAsync(new Uri("/_emulator/settings", UriKind.Relative), JsonContent.Create(settings), ct);
        await EnsureAsync(response, ct);
    }

    public Task<JsonNode?> AddFaultAsync(JsonObject fault, CancellationToken ct) => PostAsync("/_emulator/faults", fault, ct);

    public async Task<JsonNode?> FaultsAsync(CancellationToken ct) => await GetAsync("/_emulator/faults", ct);

    public async Task ClearFaultsAsync(CancellationToken ct)
    {
        using var response = await _http.DeleteAsync(new Uri("/_emulator/faults", UriKind.Relative), ct);
        await EnsureAsync(response, ct);
    }

    public async Task SetIgnoreAcksAsync(bool ignore, CancellationToken ct)
    {
        using var response = await _http.PutAsJsonAsync(new Uri("/_emulator/faults/stream", UriKind.Relative), new JsonObject { ["ignoreAcks"] = ignore, ["suppressPings"] = false }, ct);
        await EnsureAsync(response, ct);
    }

    public Task DropConnectionsAsync(CancellationToken ct) => PostAsync("/_emulator/connections/drop", new JsonObject(), ct);

    public Task DisconnectAsync(CancellationToken ct) => PostAsync("/_emulator/connections/disconnect", new JsonObject(), ct);

    public Task BlackholeAsync(CancellationToken ct) => PostAsync("/_emulator/connections/blackhole", new JsonObject(), ct);

    public Task RevokeTokensAsync(CancellationToken ct) => PostAsync("/_emulator/tokens/revoke", new JsonObject(), ct);

    public Task ExpireSessionWebhooksAsync(CancellationToken ct) => PostAsync("/_emulator/sessions/expire", new JsonObject(), ct);

    /// <summary>Injects a text message; <paramref name="conversation"/> is <c>dm</c> or a group id (then @bot).</summary>
    public async Task<JsonNode> InjectAsync(string clientId, string from, string conversation, string text, CancellationToken ct)
    {
        var body = new JsonObject { ["clientId"] = clientId, ["from"] = from, ["conversation"] = conversation, ["msgtype"] = "text", ["text"] = text };
        if (conversation != "dm")
        {
            body["atBot"] = true;
        }

        return await PostAsync("/_emulator/messages", body, ct) ?? new JsonObject();
    }

    public async Task<JsonArray> ConnectionsAsync(CancellationToken ct) => (await GetAsync("/_emulator/connections", ct))?.AsArray() ?? [];

    public async Task<JsonArray> ConversationsAsync(CancellationToken ct) => (await GetAsync("/_emulator/conversations", ct))?.AsArray() ?? [];

    public async Task<JsonArray> ConversationAsync(string id, CancellationToken ct) =>
        (await GetAsync("/_emulator/conversations/" + Uri.EscapeDataString(id), ct))?.AsArray() ?? [];

    public async Task<JsonArray> CardsAsync(CancellationToken ct) => (await GetAsync("/_emulator/cards", ct))?.AsArray() ?? [];

    public async Task<JsonNode?> CardAsync(string outTrackId, CancellationToken ct) => await GetAsync("/_emulator/cards/" + Uri.EscapeDataString(outTrackId), ct);

    public async Task<JsonArray> PushesAsync(CancellationToken ct) => (await GetAsync("/_emulator/pushes", ct))?.AsArray() ?? [];

    public async Task<JsonNode?> StatsAsync(CancellationToken ct) => await GetAsync("/_emulator/stats", ct);

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> GetAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), ct);
        await EnsureAsync(response, ct);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
    }

    private async Task<JsonNode?> PostAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, ct);
        await EnsureAsync(response, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"emulator control {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
