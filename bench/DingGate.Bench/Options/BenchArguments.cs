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
        """;

    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            try
            {
                options = name switch
                {
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
