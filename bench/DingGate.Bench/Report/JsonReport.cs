using System.Text.Json;
using System.Text.Json.Serialization;

namespace DingGate.Bench.Report;

/// <summary>The report as JSON (<c>--json</c>), for comparing runs.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Render(BenchReport report) => JsonSerializer.Serialize(report, Options);

    public static string Render(ProcessMode.ProcessBenchReport report) => JsonSerializer.Serialize(report, Options);
}
