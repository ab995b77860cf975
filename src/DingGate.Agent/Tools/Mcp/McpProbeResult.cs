namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// What starting one server briefly showed: its tools (name and description) when it started, else why not.
/// <see cref="Transport"/> is <c>stdio</c> or <c>http</c>.
/// </summary>
internal sealed record McpProbeResult(string Server, string Transport, IReadOnlyList<McpProbeTool> Tools, string? Error)
{
    public bool Ok => Error is null;
}
