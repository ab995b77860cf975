using System.Globalization;

namespace DingGate.Chaos.Run;

/// <summary>Parses the bench command line (a handful of options: no parser library needed).</summary>
internal static class ChaosArguments
{
    public const string Usage = """
        DingGate chaos suite: the real gateway process against the emulator, with faults and kill -9 (loopback only).

        Usage: dotnet run -c Release --project bench/DingGate.Chaos -- [options]

          --messages <n>     messages in the burst (default 10000; the CI short form is 500)
          --kills <n>        kill -9 + restart during the burst, evenly spread (default 6)
          --rate <msg/s>     injection rate, both apps together (default 10)
          --users <n>        users sending; groups of 10 of them (default 200)
          --model-ms <ms>    time the scripted model takes per answer (default 200)
          --settle <s>       longest wait for the last answers after the burst (default 300)
          --seed <n>         seed of the user and conversation picks (default 12)
          --work <dir>       keep config, state and gateway log there (default: a temp folder)
          --short            the CI short form (500 messages, two kills)
          --help
          --replicas <n>     the replicas mode instead (several gateways on PostgreSQL; options: --replicas 3 --help)
        """;

    public static (ChaosOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = ChaosOptions.Long;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture) is var n && n >= 0 ? n : throw new FormatException($"{name} must be ≥ 0");
            try
            {
                options = name switch
                {
                    "--messages" => options with { Messages = Math.Clamp(Int(), 1, 1_000_000) },
                    "--kills" => options with { Kills = Math.Min(Int(), 100) },
                    "--rate" => options with { Rate = Math.Max(0.1, double.Parse(Value(), CultureInfo.InvariantCulture)) },
                    "--users" => options with { Users = Math.Clamp(Int(), 10, 10_000) },
                    "--model-ms" => options with { ModelDelay = TimeSpan.FromMilliseconds(Int()) },
                    "--settle" => options with { SettleTimeout = TimeSpan.FromSeconds(Math.Clamp(Int(), 10, 3600)) },
                    "--seed" => options with { Seed = Int() },
                    "--work" => options with { WorkDirectory = Path.GetFullPath(Value()) },
                    "--short" => ChaosOptions.Short with { WorkDirectory = options.WorkDirectory, Seed = options.Seed },
                    "--help" or "-h" => throw new FormatException(string.Empty),
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return (null, ex.Message);
            }
        }

        return (options, null);
    }
}
