using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Agent.Tests.Support.Bombs;
using DingGate.Emulator;
using DingGate.Harness;
using Xunit.Abstractions;

namespace DingGate.Chaos.Tests.Attachments;

/// <summary>
/// Issue 13 acceptance, end to end: the REAL gateway process (<c>dotnet dinggate.dll gateway</c>, the offline demo
/// model, which echoes what it was given of each file) receives generated DOCX, XLSX-in-DOCX, nested-zip, many-parts
/// and PDF bombs as file messages through the emulator, all at once from five users. Its peak RSS (VmHWM from
/// /proc) stays under 300 MB, every user gets an answer carrying the note that names their file, and the gateway is
/// still running and answers a normal message afterwards. About 20 s; not in the Chaos category, so it also runs in
/// a quick <c>--filter Category!=Chaos</c> run.
/// </summary>
public sealed class AttachmentBombGatewayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Megabyte = 1024 * 1024;
    private const long PeakRssLimit = 300 * Megabyte;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "dinggate-bombs-" + Guid.NewGuid().ToString("N"));
    private readonly EmulatorHost _emulator = EmulatorHost.Create(new EmulatorOptions { Port = 0 });
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private GatewayProcess? _gateway;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await _emulator.StartAsync();
    }

    [Fact]
    public async Task Bombs_AsFileMessages_PeakRssUnder300MbEveryUserGetsANoteGatewayStaysUp()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var bombs = new (string User, string Name, string ContentType, Action<Stream> Write, string Note)[]
        {
            ("user001", "docx-bomb.docx", Docx, s => DocxBombs.EmptyParagraphs(s, 1_500 * Megabyte), "file over a reading limit, not read: docx-bomb.docx"),
            ("user002", "xlsx-in-docx.docx", Docx, s => DocxBombs.XlsxInDocx(s, "quarterly numbers", 1_500 * Megabyte), "embedded files not read: Microsoft_Excel_Worksheet.xlsx"),
            ("user003", "nested-zip.docx", Docx, s => DocxBombs.NestedZipInDocx(s, "see the archive", width: 4, depth: 3, inflatedBytes: 64 * Megabyte), "embedded files not read: nested.zip"),
            ("user004", "pdf-bomb.pdf", "application/pdf", s => PdfBombs.EndlessText(s, 1_500 * Megabyte), "file over a reading limit, not read: pdf-bomb.pdf"),
            ("user005", "many-parts.docx", Docx, s => DocxBombs.ManyParts(s, 60_000), "file over a reading limit, not read: many-parts.docx"),
        };
        var config = WriteConfig();
        _gateway = GatewayProcess.Start(config, Path.Combine(_work, "gateway.out.log"), 1);
        await UntilAsync(async () => (await GetAsync("/_emulator/connections", ct))?.AsArray().Count > 0, "the gateway to connect", ct);
        await AddUserAsync("user004", "赵六", ct);
        await AddUserAsync("user005", "钱七", ct);

        var conversations = new List<(string Name, string ConversationId, string Note)>();
        foreach (var bomb in bombs)
        {
            var bytes = Generate(bomb.Write);
            output.WriteLine($"{bomb.Name}: {bytes.Length / 1024} KB");
            var sent = await PostAsync("/_emulator/messages", new JsonObject
            {
                ["from"] = bomb.User, ["conversation"] = "dm", ["msgtype"] = "file",
                ["file"] = new JsonObject { ["name"] = bomb.Name, ["contentType"] = bomb.ContentType, ["contentBase64"] = Convert.ToBase64String(bytes) },
            }, ct);
            conversations.Add((bomb.Name, sent!["conversationId"]!.GetValue<string>(), bomb.Note));
        }

        foreach (var (name, conversationId, note) in conversations)
        {
            var answer = await BotAnswerAsync(conversationId, text => text.Contains(name, StringComparison.Ordinal), ct);
            output.WriteLine($"{name}: {Excerpt(answer, note)}");
            Assert.Contains(note, answer, StringComparison.Ordinal);
        }

        var peak = PeakRss(_gateway.Id);
        output.WriteLine($"gateway VmHWM after the bombs: {peak / Megabyte} MB");
        Assert.False(_gateway.HasExited, "the gateway died");
        Assert.True(peak < PeakRssLimit, $"peak RSS {peak / Megabyte} MB");

        var after = await PostAsync("/_emulator/messages", new JsonObject { ["from"] = "user001", ["conversation"] = "dm", ["msgtype"] = "text", ["text"] = "still there? 还在吗" }, ct);
        var reply = await BotAnswerAsync(after!["conversationId"]!.GetValue<string>(), text => text.Contains("still there?", StringComparison.Ordinal), ct);
        Assert.Contains("still there?", reply, StringComparison.Ordinal);
        Assert.False(_gateway.HasExited);
        Assert.True(PeakRss(_gateway.Id) < PeakRssLimit);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await _emulator.DisposeAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private string WriteConfig()
    {
        var e = _emulator.BaseUrl.ToString().TrimEnd('/');
        var path = Path.Combine(_work, "dinggate.json");
        File.WriteAllText(path, $$"""
            {
              gateway: { stateDir: "./state", adminPort: 0, logLevel: "information" },
              channels: { dingtalk: { clientId: "dingdemoappkey", clientSecret: "demo-secret", messageType: "markdown",
                thinkingIndicator: "off", endpoints: { api: "{{e}}", oapi: "{{e}}" } } }
            }
            """);
        return path;
    }

    // The bot's messages in a conversation, as text, until one matches.
    private async Task<string> BotAnswerAsync(string conversationId, Func<string, bool> match, CancellationToken ct)
    {
        string? found = null;
        await UntilAsync(
            async () =>
            {
                var messages = (await GetAsync("/_emulator/conversations/" + Uri.EscapeDataString(conversationId), ct))?.AsArray() ?? [];
                var bot = messages.Where(m => m?["fromBot"]?.GetValue<bool>() == true).Select(m => m!["content"]?.ToJsonString() ?? string.Empty);
                found = string.Join("\n", bot) is { Length: > 0 } all && match(all) ? all : null;
                return found is not null;
            },
            "an answer in " + conversationId,
            ct);
        return found!;
    }

    private static long PeakRss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static byte[] Generate(Action<Stream> write)
    {
        using var memory = new MemoryStream();
        write(memory);
        Assert.True(memory.Length < 20 * Megabyte, "a bomb must fit under the 20 MB attachment cap");
        return memory.ToArray();
    }

    private static string Excerpt(string text, string note)
    {
        var at = text.IndexOf(note, StringComparison.Ordinal);
        return at < 0 ? text[..Math.Min(400, text.Length)] : text.Substring(Math.Max(0, at - 60), Math.Min(200, text.Length - Math.Max(0, at - 60)));
    }

    private Task AddUserAsync(string userId, string nick, CancellationToken ct) =>
        PostAsync("/_emulator/users", new JsonObject { ["userId"] = userId, ["nick"] = nick }, ct);

    private async Task<JsonNode?> PostAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, path), body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private async Task<JsonNode?> GetAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(_emulator.BaseUrl, path), ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
    }

    // Polls (generously) for something real: the gateway process and the emulator run on the wall clock.
    private async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        while (!await condition())
        {
            if (_gateway?.HasExited == true)
            {
                Assert.Fail($"the gateway exited while waiting for {what}; log: {File.ReadAllText(Path.Combine(_work, "gateway.out.log"))}");
            }

            ct.ThrowIfCancellationRequested();
            await Task.Delay(200, ct);
        }
    }
}
