using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using DingGate.Emulator;
using DingGate.Emulator.Stream;

namespace DingGate.Cli.Emulator;

/// <summary>The options of <c>dinggate emulator</c>, their validation and their mapping to <see cref="EmulatorOptions"/>.</summary>
internal sealed class EmulatorArguments
{
    public const int DefaultPort = 9580;

    public Option<int> Port { get; } = new("--port", "-p")
    {
        Description = $"Port to listen on; 0 picks a free port (the URL printed at start shows which).",
        DefaultValueFactory = _ => DefaultPort,
        CustomParser = r => ParseInt(r, "--port must be between 0 and 65535", 0, 65535) ?? 0,
    };

    public Option<string> Host { get; } = new("--host")
    {
        Description = "IP address to bind (127.0.0.1, ::1, 0.0.0.0 …; 'localhost' means 127.0.0.1).",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public Option<bool> Tls { get; } = new("--tls")
    {
        Description = "Serve HTTPS/WSS with a generated CA and a certificate for api.dingtalk.com, oapi.dingtalk.com, wss-open-connection.dingtalk.com, localhost and 127.0.0.1.",
    };

    public Option<string?> CaPath { get; } = new("--ca-path")
    {
        Description = "Where to write the CA certificate (PEM) in --tls mode. Default: dinggate-emulator-ca.pem in the temp folder.",
        HelpName = "path",
    };

    public Option<string?> CaKeyPath { get; } = new("--ca-key-path")
    {
        Description = "Keep the CA private key here (owner-only file) and reuse the CA on later starts, so it is trusted only once.",
        HelpName = "path",
    };

    public Option<string?> PublicUrl { get; } = new("--public-url")
    {
        Description = "Base URL handed to clients (stream endpoint, session webhooks, download URLs), e.g. https://api.dingtalk.com.",
        HelpName = "url",
    };

    public Option<string?> PublicHost { get; } = new("--public-host")
    {
        Description = "Host name handed to clients instead of the bound address, keeping scheme and actual port (e.g. api.dingtalk.com).",
        HelpName = "name",
    };

    public Option<string[]> AllowedHosts { get; } = new("--allowed-host")
    {
        Description = "Another host name the control API and page answer for (repeatable); besides IP addresses, localhost and --public-host, other names get 421 (DNS-rebinding defence).",
        HelpName = "name",
    };

    public Option<string[]> ClientIds { get; } = new("--client-id")
    {
        Description = "Client ID of an app to register; repeat together with --client-secret for several apps.",
        HelpName = "id",
    };

    public Option<string[]> ClientSecrets { get; } = new("--client-secret")
    {
        Description = "Client secret of the --client-id at the same position. Never printed.",
        HelpName = "secret",
    };

    public Option<int?> Seed { get; } = new("--seed")
    {
        Description = "Seed for generated ids and random choices, for repeatable runs.",
        HelpName = "n",
        CustomParser = r => ParseInt(r, "--seed must be a whole number", int.MinValue, int.MaxValue),
    };

    public Option<int?> PingIntervalMs { get; } = new("--ping-interval-ms")
    {
        Description = "Interval of SYSTEM ping frames in milliseconds; 0 disables them. Default: none (real links stay quiet for minutes).",
        HelpName = "ms",
        CustomParser = r => ParseInt(r, "--ping-interval-ms must be 0 or more", 0, int.MaxValue),
    };

    public Option<int?> RedeliveryWindowMs { get; } = new("--redelivery-window-ms")
    {
        Description = "Redeliver an un-ACKed bot message after this many milliseconds. Default 60000.",
        HelpName = "ms",
        CustomParser = r => ParseInt(r, "--redelivery-window-ms must be more than 0", 1, int.MaxValue),
    };

    public Option<string?> Spread { get; } = new("--spread")
    {
        Description = "How each app's pushes are spread over its live connections: random (default, as DingTalk does) or roundRobin.",
        HelpName = "random|roundRobin",
    };

    public void AddTo(Command command)
    {
        Option[] all = [Port, Host, Tls, CaPath, CaKeyPath, PublicUrl, PublicHost, AllowedHosts, ClientIds, ClientSecrets, Seed, PingIntervalMs, RedeliveryWindowMs, Spread];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        Host.Validators.Add(r => Check(r, ParseHost(r.GetValueOrDefault<string>()) is not null, "--host must be an IP address or 'localhost'"));
        PublicUrl.Validators.Add(r => Check(r, IsHttpUrl(r.GetValueOrDefault<string?>()), "--public-url must be an absolute http:// or https:// URL"));
        PublicHost.Validators.Add(r => Check(r, r.GetValueOrDefault<string?>() is not { } name || Uri.CheckHostName(name) != UriHostNameType.Unknown, "--public-host must be a host name or IP address"));
        AllowedHosts.Validators.Add(r => Check(r, (r.GetValueOrDefault<string[]>() ?? []).All(n => Uri.CheckHostName(n) == UriHostNameType.Dns), "--allowed-host must be a host name"));
        Spread.AcceptOnlyFromAmong("random", "roundRobin");
        command.Validators.Add(CheckPairs);
        command.Validators.Add(CheckTlsFiles);
    }

    public EmulatorOptions ToOptions(ParseResult parse)
    {
        var options = new EmulatorOptions
        {
            Port = parse.GetValue(Port),
            Host = ParseHost(parse.GetValue(Host))!,
            Tls = parse.GetValue(Tls),
            CaCertificatePath = parse.GetValue(CaPath),
            CaKeyPath = parse.GetValue(CaKeyPath),
            PublicBaseUrl = parse.GetValue(PublicUrl) is { } url ? new Uri(url) : null,
            PublicHost = parse.GetValue(PublicHost),
            Seed = parse.GetValue(Seed),
        };
        foreach (var name in parse.GetValue(AllowedHosts) ?? [])
        {
            options.AllowedHosts.Add(name);
        }

        if (parse.GetValue(PingIntervalMs) is { } ping)
        {
            options.PingInterval = TimeSpan.FromMilliseconds(ping);
        }

        if (parse.GetValue(Spread) == "roundRobin")
        {
            options.StreamSpread = StreamSpread.RoundRobin;
        }

        if (parse.GetValue(RedeliveryWindowMs) is { } window)
        {
            options.CallbackRedeliveryWindow = TimeSpan.FromMilliseconds(window);
        }

        var ids = parse.GetValue(ClientIds) ?? [];
        var secrets = parse.GetValue(ClientSecrets) ?? [];
        for (var i = 0; i < ids.Length; i++)
        {
            options.Apps.Add(new EmulatedAppOptions { ClientId = ids[i], ClientSecret = secrets[i], Name = $"Emulated Bot {i + 1}" });
        }

        return options;
    }

    private void CheckTlsFiles(CommandResult result)
    {
        if (!result.GetValue(Tls) && (result.GetValue(CaPath) is not null || result.GetValue(CaKeyPath) is not null))
        {
            result.AddError("--ca-path and --ca-key-path need --tls");
        }
    }

    private void CheckPairs(CommandResult result)
    {
        var ids = result.GetValue(ClientIds) ?? [];
        var secrets = result.GetValue(ClientSecrets) ?? [];
        if (ids.Length != secrets.Length)
        {
            result.AddError($"--client-id and --client-secret must come in pairs (got {ids.Length} id(s) and {secrets.Length} secret(s))");
        }
        else if (ids.Any(string.IsNullOrWhiteSpace) || secrets.Any(string.IsNullOrEmpty))
        {
            result.AddError("--client-id and --client-secret must not be empty");
        }
        else if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Length)
        {
            result.AddError("each --client-id may be given only once");
        }
    }

    private static void Check(OptionResult result, bool ok, string message)
    {
        if (!ok)
        {
            var given = result.Tokens.Count > 0 ? $" (got '{result.Tokens[^1].Value}')" : string.Empty;
            result.AddError(message + given);
        }
    }

    // Parsing and range check in one step, so a non-number and an out-of-range number get the same clear message.
    private static int? ParseInt(ArgumentResult result, string message, int min, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{message} (got '{text}')");
        return null;
    }

    private static bool IsHttpUrl(string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    private static string? ParseHost(string? value) =>
        string.Equals(value, "localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1"
        : IPAddress.TryParse(value, out var ip) ? ip.ToString()
        : null;
}
