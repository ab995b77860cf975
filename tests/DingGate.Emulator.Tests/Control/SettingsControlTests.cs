using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Control;

public sealed class SettingsControlTests
{
    [Fact]
    public async Task Patch_KnownSettings_AppliesThemToLiveOptions()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/settings", new { callbackRedeliveryAttempts = 0, pingIntervalMs = 5000, eventRedeliveryScheduleMs = new[] { 100, 200 } });

        Assert.Equal(200, status);
        Assert.Equal(0, emu.Host.Options.CallbackRedeliveryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), emu.Host.Options.PingInterval);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], emu.Host.Options.EventRedeliverySchedule);
        Assert.Equal(5000, body!["pingIntervalMs"]!.GetValue<long>());
    }

    [Fact]
    public async Task Patch_UnknownOrMistypedSetting_Returns400AndChangesNothing()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Patch, "/_emulator/settings", new { qpsLimit = 5, nonsense = 1, pingIntervalMs = "fast" });

        Assert.Equal(400, status);
        var error = body!["error"]!.GetValue<string>();
        Assert.Contains("unknown setting 'nonsense'", error, StringComparison.Ordinal);
        Assert.Contains("'pingIntervalMs' must be", error, StringComparison.Ordinal);
        Assert.Equal(20, emu.Host.Options.QpsLimit);
    }
}
