using System.CommandLine;
using DingGate.Cli.Emulator;

namespace DingGate.Cli.Tests.Emulator;

public sealed class EmulatorArgumentsTests
{
    [Fact]
    public void ToOptions_AllSwitches_MapToEmulatorOptions()
    {
        var (arguments, parse) = Parse("--port 0 --host localhost --tls --ca-path /tmp/x/ca.pem --ca-key-path /tmp/x/ca.key --public-host api.dingtalk.com --client-id a --client-secret sa --client-id b --client-secret sb --seed 9 --ping-interval-ms 0 --redelivery-window-ms 1500");

        var options = arguments.ToOptions(parse);

        Assert.Empty(parse.Errors);
        Assert.Equal(0, options.Port);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.True(options.Tls);
        Assert.Equal("/tmp/x/ca.pem", options.CaCertificatePath);
        Assert.Equal("/tmp/x/ca.key", options.CaKeyPath);
        Assert.Equal("api.dingtalk.com", options.PublicHost);
        Assert.Equal(9, options.Seed);
        Assert.Equal(TimeSpan.Zero, options.PingInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.CallbackRedeliveryWindow);
        Assert.Equal(["a:sa", "b:sb"], options.Apps.Select(a => $"{a.ClientId}:{a.ClientSecret}"));
    }

    [Fact]
    public void Spread_RoundRobin_MapsToStreamSpreadAndOtherValuesAreUsageErrors()
    {
        var (arguments, parse) = Parse("--spread roundRobin");
        var (_, bad) = Parse("--spread sticky");
        var (defaults, none) = Parse(string.Empty);

        Assert.Empty(parse.Errors);
        Assert.Equal(DingGate.Emulator.Stream.StreamSpread.RoundRobin, arguments.ToOptions(parse).StreamSpread);
        Assert.NotEmpty(bad.Errors);
        Assert.Equal(DingGate.Emulator.Stream.StreamSpread.Random, defaults.ToOptions(none).StreamSpread);
    }

    [Fact]
    public void AllowedHost_Repeated_AddedToTheEmulatorsOwnHostNames()
    {
        var (arguments, parse) = Parse("--allowed-host emulator --allowed-host dinggate-emu.internal");

        var options = arguments.ToOptions(parse);

        Assert.Empty(parse.Errors);
        Assert.Equal(["emulator", "dinggate-emu.internal"], options.AllowedHosts);
    }

    [Fact]
    public void AllowedHost_NotAHostName_UsageError()
    {
        var (_, parse) = Parse("--allowed-host http://x/");

        Assert.Contains(parse.Errors, e => e.Message.Contains("--allowed-host must be a host name", StringComparison.Ordinal));
    }

    [Fact]
    public void ToOptions_Defaults_Port9580LoopbackNoAppsNoTls()
    {
        var (arguments, parse) = Parse(string.Empty);

        var options = arguments.ToOptions(parse);

        Assert.Equal(9580, options.Port);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.False(options.Tls);
        Assert.Null(options.PublicBaseUrl);
        Assert.Null(options.Seed);
        Assert.Empty(options.Apps);
        Assert.Null(options.PingInterval);
    }

    private static (EmulatorArguments Arguments, ParseResult Parse) Parse(string line)
    {
        var arguments = new EmulatorArguments();
        var command = new Command("emulator");
        arguments.AddTo(command);
        return (arguments, command.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }
}
