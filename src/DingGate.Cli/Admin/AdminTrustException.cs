namespace DingGate.Cli.Admin;

/// <summary>
/// The admin files of a state directory cannot be trusted (an <c>admin.json</c> naming a non-loopback URL, written
/// by another user or open to other users; an <c>admin.token</c> not private to this user): the CLI refuses to send
/// the token. <see cref="Fix"/> is the line that tells the user what to do.
/// </summary>
internal sealed class AdminTrustException(string message, string fix) : Exception(message)
{
    public string Fix { get; } = fix;

    /// <summary>Writes the refusal as "dinggate &lt;verb&gt;: …" and a "fix:" line.</summary>
    public async Task WriteToAsync(TextWriter error, string verb)
    {
        await error.WriteLineAsync($"dinggate {verb}: refused to send the admin token: {Message}");
        await error.WriteLineAsync($"  fix: {Fix}");
    }
}
