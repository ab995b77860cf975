namespace DingGate.Cli.Tools;

/// <summary>One tool as <c>dinggate tools list</c> shows it.</summary>
internal sealed record ToolListingTool(string Name, string Source, string Description, bool Available, bool OwnerOnly, IReadOnlyList<string> Agents);
