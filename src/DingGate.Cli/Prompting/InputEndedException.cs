namespace DingGate.Cli.Prompting;

/// <summary>The input ended (no terminal, nothing more piped) while a wizard needed an answer.</summary>
internal sealed class InputEndedException(string question) : Exception($"input ended while asking: {question}")
{
    public string Question { get; } = question;
}
