using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests;

public sealed class CommandTreeTests
{
    [Fact]
    public async Task Help_Root_ListsEmulatorCommand()
    {
        var (code, output, error) = await CliRun.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("emulator", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Version_Root_PrintsVersionAndExitsZero()
    {
        var (code, output, _) = await CliRun.RunAsync("--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
    }

    [Fact]
    public async Task NoCommand_Root_IsUsageErrorWithExitCode2()
    {
        var (code, _, error) = await CliRun.RunAsync();

        Assert.Equal(2, code);
        Assert.StartsWith("dinggate: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_Root_IsUsageErrorWithExitCode2()
    {
        var (code, output, error) = await CliRun.RunAsync("frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }
}
