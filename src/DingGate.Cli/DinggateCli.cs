using System.CommandLine;

namespace DingGate.Cli;

/// <summary>The <c>dinggate</c> command tree. Each verb lives in its own folder and contributes one <see cref="Command"/>.</summary>
internal static class DinggateCli
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("DingGate: an AI assistant gateway for DingTalk (钉钉), with a built-in DingTalk emulator.");
        _ = output;
        _ = error;
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = Build(output, error);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(config, cancellationToken);
    }
}
