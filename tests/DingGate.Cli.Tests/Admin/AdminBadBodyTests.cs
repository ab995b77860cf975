using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DingGate.Cli.Admin;

namespace DingGate.Cli.Tests.Admin;

/// <summary>
/// Issue 13: a POST to the admin API whose body is not JSON answers 415 (wrong Content-Type) or 400 (malformed, or
/// not the expected object), 413 when too large; one warning line in the log, no stack trace, the gateway keeps
/// serving. Every POST route of the admin API is listed in <see cref="PostRoutes"/>.
/// </summary>
public sealed class AdminBadBodyTests : AdminTestBase
{
    private static readonly string[] PostRoutes = ["/pairing/approve"];

    // Content-Type ("" none), body, the reason answered, the status; for every POST route.
    private static readonly (string ContentType, string Body, string Reason, int Status)[] Bodies =
    [
        ("text/plain", "account=default&code=ABCD2345", "Content-Type must be application/json (was 'text/plain", 415),
        ("application/x-www-form-urlencoded", "account=default&code=ABCD2345", "Content-Type must be application/json (was 'application/x-www-form-urlencoded'", 415),
        ("application/xml", "<approve account=\"default\"/>", "Content-Type must be application/json", 415),
        ("", "{\"account\":\"default\",\"code\":\"ABCD2345\"}", "Content-Type must be application/json (was none)", 415),
        ("application/json", "not json at all", "malformed JSON: ", 400),
        ("application/json", "{\"account\": \"default\", \"code\": ", "malformed JSON: ", 400),
        ("application/json", string.Empty, "malformed JSON: ", 400),
        ("application/json", "[1, 2, 3]", "malformed JSON: ", 400),
        ("application/json", "\"ABCD2345\"", "malformed JSON: ", 400),
        ("application/json", "{\"account\": 5, \"code\": true}", "malformed JSON: ", 400),
        ("application/json", "null", "the body is JSON null, not an object", 400),
        ("application/json; charset=utf-8", "{\"account\": \"default\"}", "body must be {\"account\": \"<id>\", \"code\": \"<code>\"}", 400),
    ];

    public static TheoryData<string, string, string, string, int> BadBodies()
    {
        var data = new TheoryData<string, string, string, string, int>();
        foreach (var route in PostRoutes)
        {
            foreach (var (contentType, body, reason, status) in Bodies)
            {
                data.Add(route, contentType, body, reason, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_BadBody_4xxWithOneLogLineAndNoStackTrace(string route, string contentType, string body, string reason, int status)
    {
        var logs = Path.Combine(_state, "logs");
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"), logDirectory: logs);

        using var response = await PostAsync(admin, route, contentType.Length == 0 ? null : contentType, Encoding.UTF8.GetBytes(body));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var health = await GetAsync(admin, "/healthz");
        await _gateway!.StopAsync(); // flushes the JSONL log
        var log = await ReadLogAsync(logs);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, answer["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain("\"exception\"", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        Assert.DoesNotContain("\"level\":\"error\"", log, StringComparison.Ordinal);
        Assert.DoesNotContain("\"level\":\"critical\"", log, StringComparison.Ordinal);
        if (!reason.StartsWith("body must be", StringComparison.Ordinal)) // a well-formed JSON object missing a field is an ordinary 400
        {
            var line = Assert.Single(log.Split('\n'), l => l.Contains("Admin API: POST " + route + " refused", StringComparison.Ordinal));
            Assert.Contains($"refused with {status}", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PairingApprove_BodyLargerThanTheAdminLimit_413()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        var huge = Encoding.UTF8.GetBytes("{\"account\":\"default\",\"code\":\"" + new string('A', AdminSettings.MaxRequestBodyBytes) + "\"}");

        using var response = await PostAsync(admin, "/pairing/approve", "application/json", huge);
        using var health = await GetAsync(admin, "/healthz");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task PairingApprove_WellFormedButUnknownCode_404AsBefore()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));

        using var response = await PostAsync(admin, "/pairing/approve", "application/json", Encoding.UTF8.GetBytes("{\"account\":\"default\",\"code\":\"ZZZZ9999\"}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(Uri admin, string route, string? contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(admin, route)) { Content = content };
        return await _http.SendAsync(request);
    }

    private static async Task<string> ReadLogAsync(string directory)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(directory, "*.jsonl"))
        {
            text.Append(await File.ReadAllTextAsync(file));
        }

        return text.ToString();
    }
}
