using DingGate.Emulator;

namespace DingGate.Cli.Emulator;

/// <summary>What <c>dinggate emulator</c> prints once it listens: URLs, apps (ids only, never secrets) and TLS hints.</summary>
internal static class EmulatorBanner
{
    public static async Task WriteAsync(TextWriter output, EmulatorHost host)
    {
        var local = host.BaseUrl;
        var baseUrl = host.PublicBaseUrl;
        var lines = new List<string>
        {
            "DingTalk emulator running.",
            Row("listening on", local.ToString()),
        };
        if (baseUrl != local)
        {
            lines.Add(Row("public base URL", baseUrl.ToString()));
        }

        lines.Add(Row("api base URL", $"{Trim(baseUrl)}   (instead of https://api.dingtalk.com)"));
        lines.Add(Row("oapi base URL", $"{Trim(baseUrl)}   (instead of https://oapi.dingtalk.com)"));
        lines.Add(Row("stream registration", $"POST {new Uri(baseUrl, "v1.0/gateway/connections/open")}"));
        lines.Add(Row("control API", new Uri(baseUrl, "_emulator/").ToString()));
        lines.Add(Row("control page", baseUrl.ToString()));
        lines.Add("apps (client ids; secrets as given, never printed):");
        foreach (var app in host.Options.Apps)
        {
            lines.Add($"  {app.ClientId,-24} {app.Name}");
        }

        if (host.CaCertificatePath is { } ca)
        {
            var target = local.Host switch { "0.0.0.0" => "127.0.0.1", "[::]" => "[::1]", var h => h };
            lines.Add("TLS:");
            lines.Add(Row("CA certificate", ca));
            lines.Add(Row("Node.js", $"NODE_EXTRA_CA_CERTS={Quote(ca)} node your-bot.js"));
            lines.Add(Row("curl", $"curl --cacert {Quote(ca)} --connect-to api.dingtalk.com:443:{target}:{local.Port} https://api.dingtalk.com/v1.0/oauth2/accessToken"));
            lines.Add(Row("hosts file", "127.0.0.1 api.dingtalk.com oapi.dingtalk.com wss-open-connection.dingtalk.com (with --port 443)"));
        }

        lines.Add("Press Ctrl+C to stop.");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }

        await output.FlushAsync(CancellationToken.None);
    }

    private static string Row(string label, string value) => $"  {label,-20} {value}";

    private static string Trim(Uri url) => url.ToString().TrimEnd('/');

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
