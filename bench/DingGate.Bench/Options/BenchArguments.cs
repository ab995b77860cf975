using System.Globalization;

namespace DingGate.Bench.Options;

/// <summary>Parses the command line (a handful of options: no parser library needed).</summary>
internal static class BenchArguments
{
    public const string Usage = """
        DingGate benchmark: emulator + gateway + zero-latency fake model in one process (loopback only).

        Usage: dotnet run -c Release --project bench/DingGate.Bench -- [options]

          --duration <seconds>   length of each sustained-load phase (default 60)
          --rate <msg/s>         offered rate of the realistic-rate phase, open loop, one app
                                 (default 10 in markdown, 5 in card mode: half of one app's ceiling)
          --concurrency <n>      virtual users of the saturated phases, closed loop, one message
                                 in flight each; also the user pool of the rate phase (default 128)
          --mode <m>             load phases for markdown | card | both (default both)
          --apps <n>             DingTalk apps per mode in the max-rate phase (default 32)
          --answer <size>        answer size under load: short | medium | long (default short)
          --max-messages <n>     cap on messages per load phase (default 200000)
          --stream-cps <n>       model speed in the calls-per-reply phase, chars/s; 0 = instant (default 2000)
          --quick                smoke run of every phase (about 10 s of load)
          --json                 also print the results as JSON
          --help

        Gateway in its own process (the built `dinggate gateway`; the emulator, the fake model
        server and the load generator stay in this process): one warm-up, then one closed-loop
        phase of --duration per mode (markdown unless --mode says otherwise).

          --gateway-process      run the gateway as a child process
          --target <name>        one of issue 14's targets (implies --gateway-process, markdown):
                                 one-app | one-app-unlimited | many-apps; options given too win
          --conversations <n>    conversations in flight (closed loop), the same as --concurrency
          --apps <n>             apps (gateway accounts) the conversations are spread over (default 32)
          --api-qps <n>|default  channels.dingtalk.apiQps written to the gateway's config; default:
                                 not written (only when given; a gateway without the key refuses it)
          --max-turns <n>        agents.maxConcurrentTurns written to the gateway's config (only when given)
          --emulator-qps-limit <fixed|off|sliding>
                                 the emulator's per-app, per-API limit (default fixed; sliding: any
                                 one-second window, as the issue's fake DingTalk counts)
          --ip-limit <on|off>    DingTalk's per-IP limit (10 000 calls per 20 s): on (default) keeps the
                                 emulator's and the gateway's; off lifts both (a gateway behind several
                                 egress IPs: the many-apps target is above what one IP may call)
          --emulator-qps <n>     the emulator's limit, calls/s per app and API (default 20)
          --poll-ms <n>          how often the emulator's record is read for completions (default 25)
          --keep-work            keep the gateway's work directory (config, state, logs, its console output)
        """;

    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var quick = false;
        var given = new HashSet<string>(StringComparer.Ordinal);
        BenchTarget? target = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            given.Add(name == "--conversations" ? "--concurrency" : name);
            try
            {
                if (name == "--target")
                {
                    target = BenchTarget.Find(Value())
                        ?? throw new FormatException($"--target must be one of {string.Join(" | ", BenchTarget.All.Select(t => t.Name))}");
                    continue;
                }

                options = name switch
                {
                    "--gateway-process" => options with { GatewayProcess = true },
                    "--conversations" => options with { Concurrency = (int)Positive(Value(), name) },
                    "--ip-limit" => options with { IpLimit = Value() switch { "on" => true, "off" => false, var v => throw new FormatException($"--ip-limit: 'on' or 'off', not '{v}'") } },
                    "--api-qps" => options with { ApiQps = Value() is "default" ? null : (int)Positive(args[i], name) },
                    "--max-turns" => options with { MaxTurns = (int)Positive(Value(), name) },
                    "--emulator-qps-limit" => options with { EmulatorQps = Enum.Parse<EmulatorQpsMode>(Value(), ignoreCase: true) },
                    "--emulator-qps" => options with { EmulatorQpsLimit = (int)Positive(Value(), name) },
                    "--keep-work" => options with { KeepWork = true },
                    "--poll-ms" => options with { PollInterval = TimeSpan.FromMilliseconds(Positive(Value(), name)) },
                    "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(Value(), name)) },
                    "--concurrency" => options with { Concurrency = (int)Positive(Value(), name) },
                    "--rate" => options with { Rate = Positive(Value(), name) },
                    "--mode" => options with { Mode = Enum.Parse<BenchMode>(Value(), ignoreCase: true) },
                    "--apps" => options with { MaxApps = (int)Positive(Value(), name) },
                    "--answer" => options with { LoadAnswer = Enum.Parse<Model.AnswerSize>(Value(), ignoreCase: true) },
                    "--max-messages" => options with { MaxMessages = (int)Positive(Value(), name) },
                    "--stream-cps" => options with { StreamCharsPerSecond = (int)double.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--json" => options with { Json = true },
                    "--quick" => Mark(options, ref quick),
                    "--help" or "-h" => throw new FormatException(string.Empty),
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                return (null, ex.Message);
            }
        }

        if (target is not null)
        {
            options = options with
            {
                Target = target, GatewayProcess = true,
                MaxApps = given.Contains("--apps") ? options.MaxApps : target.Apps,
                Concurrency = given.Contains("--concurrency") ? options.Concurrency : target.Conversations,
                ApiQps = given.Contains("--api-qps") ? options.ApiQps : target.ApiQps,
                EmulatorQps = given.Contains("--emulator-qps-limit") ? options.EmulatorQps : target.EmulatorQps,
                IpLimit = given.Contains("--ip-limit") ? options.IpLimit : target.IpLimit,
                Mode = given.Contains("--mode") ? options.Mode : BenchMode.Markdown,
            };
        }
        else if (options.GatewayProcess && !given.Contains("--mode"))
        {
            options = options with { Mode = BenchMode.Markdown };
        }

        if (!options.GatewayProcess && (given.Contains("--api-qps") || given.Contains("--max-turns")))
        {
            return (null, "--api-qps and --max-turns write the gateway's config file: they need --gateway-process (or --target)");
        }

        if (!Rig.EmulatorQps.Supported(options.EmulatorQps))
        {
            return (null, $"--emulator-qps-limit {options.EmulatorQps.ToString().ToLowerInvariant()}: not available in this build's emulator (hook: bench/DingGate.Bench/Rig/EmulatorQps.cs)");
        }

        return (quick ? BenchOptions.QuickRun(options) : options, null);
    }

    private static BenchOptions Mark(BenchOptions options, ref bool quick)
    {
        quick = true;
        return options;
    }

    private static double Positive(string text, string name)
    {
        var value = double.Parse(text, CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new FormatException($"{name} must be positive");
    }
}
