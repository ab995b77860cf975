using System.Net;
using System.Net.Http.Json;

namespace DingGate.Cli.Tests.Admin;

// Alone: gateway hosts of other tests in this process publish meters of the same names, and OpenTelemetry merges
// instruments by name, so one of them being disposed could end this host's series mid-test.
[CollectionDefinition(nameof(AdminMetricsTests), DisableParallelization = true)]
public sealed class AdminMetricsCollection;

[Collection(nameof(AdminMetricsTests))]
public sealed class AdminMetricsTests : AdminTestBase
{
    [Fact]
    public async Task Metrics_AfterOneMessage_NamedSeriesExposed()
    {
        var admin = await StartAsync(Account("dingdemoappkey", "demo-secret"));
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());
        using var ready = await GetAsync(admin, "/readyz");

        using var inject = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "/_emulator/messages"),
            new { clientId = "dingdemoappkey", from = "user001", msgtype = "text", text = "hi", conversation = "dm" });
        string[] series =
        [
            "dinggate_dingtalk_messages_received_total{", "dinggate_dingtalk_replies_total{", "dinggate_dingtalk_stream_ack_latency_milliseconds_bucket{",
            "dinggate_dingtalk_reply_duration_milliseconds_bucket{", "dingtalk_api_calls_total{", "endpoint=\"POST /v1.0/gateway/connections/open\"",
            "dinggate_dingtalk_reply_api_calls_total{", "gen_ai_client_operation_duration_seconds_bucket{",
        ];

        // Each series appears when its measurement is taken (the model's duration after its stream ends); wait for all.
        var metrics = await WaitForMetricsAsync(admin, text => series.All(s => text.Contains(s, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.All(series, s => Assert.Contains(s, metrics, StringComparison.Ordinal));
    }
}
