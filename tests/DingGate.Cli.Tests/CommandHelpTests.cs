using System.CommandLine;
using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests;

// Every command answers --help with its description, and every leaf command documents its exit codes.
public sealed class CommandHelpTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var path in Walk(DinggateCli.Build(TextWriter.Null, TextWriter.Null), []))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_Exit0WithDescriptionAndExitCodes(string path)
    {
        var args = path.Length == 0 ? new[] { "--help" } : [.. path.Split(' '), "--help"];
        var command = Find(path);

        var (code, output, error) = await CliRun.RunAsync(args);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(command.Description), path + " has no description");
        if (command.Subcommands.Count == 0)
        {
            Assert.Contains("Exit codes:", command.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Commands_TheSeedsVerbsAndTheIssueList_AllPresent()
    {
        var all = Walk(DinggateCli.Build(TextWriter.Null, TextWriter.Null), []).ToHashSet();

        foreach (var verb in new[]
        {
            "onboard", "channels add", "channels list", "channels remove", "channels status", "gateway", "gateway status", "gateway install",
            "gateway uninstall", "gateway start", "gateway stop", "gateway restart", "logs", "pairing list", "pairing approve", "pairing deny",
            "allow add", "allow remove", "message send", "config validate", "config get", "config set", "config import-openclaw", "doctor",
            "plugins list", "sandbox", "emulator", "tools list",
        })
        {
            Assert.Contains(verb, all);
        }
    }

    private static Command Find(string path)
    {
        Command command = DinggateCli.Build(TextWriter.Null, TextWriter.Null);
        foreach (var name in path.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            command = command.Subcommands.Single(c => c.Name == name);
        }

        return command;
    }

    private static IEnumerable<string> Walk(Command command, string[] prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] path = [.. prefix, sub.Name];
            yield return string.Join(' ', path);
            foreach (var deeper in Walk(sub, path))
            {
                yield return deeper;
            }
        }
    }
}
