namespace DingGate.Cli.Tools;

/// <summary>
/// One MCP server as <c>dinggate tools list</c> found it: <see cref="Status"/> is <c>ok</c> (started and listed),
/// <c>unavailable</c> (with <see cref="Error"/>) or <c>disabled</c>; <see cref="Transport"/> <c>stdio</c> or <c>http</c>.
/// </summary>
internal sealed record ToolListingServer(string Name, string Source, string Transport, string Status, string? Error, int Tools);
