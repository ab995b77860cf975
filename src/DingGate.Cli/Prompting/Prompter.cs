namespace DingGate.Cli.Prompting;

/// <summary>
/// Asks questions on a text console for the wizards (<c>onboard</c>, <c>channels add</c>). Answers come line by line
/// from the input, so piped answers work; when the input ends while an answer is needed,
/// <see cref="InputEndedException"/> names the question (the command then points at its non-interactive flags).
/// Secrets are read without echo on a real terminal.
/// </summary>
internal sealed class Prompter(TextReader input, TextWriter output, bool terminal)
{
    /// <summary>A prompter on the process console (echo-free secrets when stdin is a terminal).</summary>
    public static Prompter ForConsole(TextReader input, TextWriter output) =>
        new(input, output, ReferenceEquals(input, Console.In) && !Console.IsInputRedirected);

    /// <summary>Asks until <paramref name="validate"/> accepts (it returns null, or the reason shown before asking again).</summary>
    public async Task<string> AskAsync(string question, string? defaultValue = null, Func<string, string?>? validate = null, bool secret = false)
    {
        while (true)
        {
            await output.WriteAsync(defaultValue is null or "" ? $"{question}: " : $"{question} [{(secret ? "keep" : defaultValue)}]: ");
            await output.FlushAsync();
            var line = secret && terminal ? ReadHidden() : await input.ReadLineAsync();
            if (line is null)
            {
                await output.WriteLineAsync();
                throw new InputEndedException(question);
            }

            var answer = line.Trim();
            if (answer.Length == 0 && defaultValue is not null)
            {
                return defaultValue;
            }

            if ((answer.Length == 0 ? "an answer is needed" : validate?.Invoke(answer)) is { } problem)
            {
                await output.WriteLineAsync($"  {problem}");
                continue;
            }

            return answer;
        }
    }

    /// <summary>Asks for one of <paramref name="choices"/> (by name or number).</summary>
    public async Task<string> ChooseAsync(string question, IReadOnlyList<string> choices, string defaultChoice)
    {
        await output.WriteLineAsync(question);
        for (var i = 0; i < choices.Count; i++)
        {
            await output.WriteLineAsync($"  {i + 1}) {choices[i]}");
        }

        try
        {
            var answer = await AskAsync("Choose", defaultChoice, a => Pick(a, choices) is null ? $"choose one of {string.Join(", ", choices)} (or its number)" : null);
            return Pick(answer, choices)!;
        }
        catch (InputEndedException)
        {
            throw new InputEndedException(question.TrimEnd(':'));
        }
    }

    public async Task<bool> ConfirmAsync(string question, bool defaultYes)
    {
        var answer = await AskAsync(question + (defaultYes ? " (Y/n)" : " (y/N)"), defaultYes ? "y" : "n",
            a => a.ToUpperInvariant() is "Y" or "YES" or "N" or "NO" ? null : "answer y or n");
        return answer.ToUpperInvariant() is "Y" or "YES";
    }

    public Task SayAsync(string text) => output.WriteLineAsync(text);

    private static string? Pick(string answer, IReadOnlyList<string> choices) =>
        int.TryParse(answer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= choices.Count
            ? choices[n - 1]
            : choices.FirstOrDefault(c => string.Equals(c, answer, StringComparison.OrdinalIgnoreCase));

    private static string? ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return text.ToString();
                case ConsoleKey.Backspace when text.Length > 0:
                    text.Length--;
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        text.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
