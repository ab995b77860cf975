using System.Globalization;

namespace DingGate.Chaos.Replicas;

/// <summary>The command line of the replicas mode (<c>--replicas N</c> or <c>--throughput</c>).</summary>
internal static class ReplicaArguments
{
    public const string Usage = """
        DingGate chaos suite, replicas mode: N gateway processes on one PostgreSQL database (started by the run) against
        the emulator, one replica kill -9ed halfway (loopback only).

        Usage: dotnet run -c Release --project bench/DingGate.Chaos -- --replicas <n> [options]
               dotnet run -c Release --project bench/DingGate.Chaos -- --throughput [--replicas <max>] [options]

          --replicas <n>     gateway processes (default 3; with --throughput: measure 1 … n)
          --kill-for-good    the killed replica stays dead; the others must answer what it held within 2 minutes
          --throughput       replies/s with 1, 2 … n replicas (no kill); default 600 messages offered at 50 msg/s
          --redis            start Redis and add coordination.redis (shared QPS buckets) to every replica's config
          --markdown         both apps answer in markdown (the card app's DingTalk limits cap replies at ~10/s)
          --messages <n>     messages in the burst (default 1000)
          --users <n>        users sending, each to one app (default 200)
          --rate <msg/s>     injection rate (default 10)
          --model-ms <ms>    time the scripted model takes per answer (default 200; 3000 with --kill-for-good)
          --settle <s>       longest wait for the last answers after the burst (default 240)
          --seed <n>         seed of the user picks (default 17)
          --work <dir>       keep every replica's config, state and log there (default: a temp folder)
          --short            the CI size (60 messages, 20 users)
        """;

    public static bool Wants(IReadOnlyList<string> args) => args.Contains("--replicas") || args.Contains("--throughput");

    public static (ReplicaOptions? Options, bool Throughput, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = ReplicaOptions.Long;
        var (throughput, killForGood, modelSet, messagesSet, rateSet) = (false, false, false, false, false);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture) is var n && n >= 0 ? n : throw new FormatException($"{name} must be ≥ 0");
            try
            {
                switch (name)
                {
                    case "--replicas": options = options with { Replicas = Math.Clamp(Int(), 1, 8) }; break;
                    case "--kill-for-good": killForGood = true; break;
                    case "--throughput": throughput = true; break;
                    case "--redis": options = options with { Redis = true }; break;
                    case "--markdown": options = options with { MarkdownOnly = true }; break;
                    case "--messages": options = options with { Messages = Math.Clamp(Int(), 1, 1_000_000) }; messagesSet = true; break;
                    case "--users": options = options with { Users = Math.Clamp(Int(), 2, 10_000) }; break;
                    case "--rate": options = options with { Rate = Math.Max(0.1, double.Parse(Value(), CultureInfo.InvariantCulture)) }; rateSet = true; break;
                    case "--model-ms": options = options with { ModelDelay = TimeSpan.FromMilliseconds(Int()) }; modelSet = true; break;
                    case "--settle": options = options with { SettleTimeout = TimeSpan.FromSeconds(Math.Clamp(Int(), 10, 3600)) }; break;
                    case "--seed": options = options with { Seed = Int() }; break;
                    case "--work": options = options with { WorkDirectory = Path.GetFullPath(Value()) }; break;
                    case "--short": options = ReplicaOptions.Short with { Replicas = options.Replicas, Redis = options.Redis, MarkdownOnly = options.MarkdownOnly, Seed = options.Seed, WorkDirectory = options.WorkDirectory }; break;
                    case "--help" or "-h": throw new FormatException(string.Empty);
                    default: throw new FormatException($"unknown option {name}");
                }
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return (null, false, ex.Message);
            }
        }

        if (throughput && killForGood)
        {
            return (null, false, "--throughput measures without kills; leave out --kill-for-good");
        }

        if (killForGood)
        {
            options = options with { Scenario = ReplicaScenario.KillForGood, ModelDelay = modelSet ? options.ModelDelay : TimeSpan.FromSeconds(3) };
        }

        if (throughput)
        {
            options = options with { Messages = messagesSet ? options.Messages : 600, Rate = rateSet ? options.Rate : 50 };
        }

        return (options, throughput, null);
    }
}
