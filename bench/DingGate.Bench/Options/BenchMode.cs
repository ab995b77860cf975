namespace DingGate.Bench.Options;

/// <summary>Which reply modes the load phases run (the calls-per-reply table always covers both).</summary>
internal enum BenchMode
{
    Both,
    Markdown,
    Card,
}
