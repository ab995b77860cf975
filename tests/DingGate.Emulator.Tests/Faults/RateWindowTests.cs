using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Faults;

/// <summary>
/// The per-app, per-API limit in its two readings (fixed wall-clock seconds by default, any sliding second with
/// <c>qpsSlidingWindow</c>), and DingTalk's per-IP limit (10 000 calls per 20 s, then a 5-minute ban), over HTTP.
/// </summary>
public sealed class RateWindowTests
{
    private const string DownloadPath = "/v1.0/robot/messageFiles/download";
    private static readonly object DownloadBody = new { downloadCode = "nope", robotCode = TestEmulator.ClientId };

    [Theory]
    [InlineData(false, 400)]
    [InlineData(true, 403)]
    public async Task QpsLimit_TwoCallsHalfASecondApartAcrossASecondBoundary_RefusedOnlyInSlidingMode(bool sliding, int secondStatus)
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.QpsLimit = 2;
            o.QpsSlidingWindow = sliding;
        });
        var token = await emu.GetTokenAsync();
        emu.Time.Advance(TimeSpan.FromMilliseconds(700));

        var first = await SendAllAsync(emu, token, 2);
        emu.Time.Advance(TimeSpan.FromMilliseconds(500)); // 1.2 s: a new fixed second, but within one second of the first two
        var (status, body) = await emu.SendAsync(HttpMethod.Post, DownloadPath, DownloadBody, token);
        emu.Time.Advance(TimeSpan.FromMilliseconds(500)); // 1.7 s: a full second after the first two
        var (later, _) = await emu.SendAsync(HttpMethod.Post, DownloadPath, DownloadBody, token);

        Assert.Equal([400, 400], first);
        Assert.Equal(secondStatus, status);
        Assert.Equal(sliding ? "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi" : "invalidParameter.robotCode.downloadCode", body!["code"]!.GetValue<string>());
        Assert.Equal(400, later);
    }

    [Fact]
    public async Task QpsSlidingWindow_RefusedCallsDoNotCount_NextCallPassesOneSecondAfterTheAcceptedOnes()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.QpsLimit = 2;
            o.QpsSlidingWindow = true;
        });
        var token = await emu.GetTokenAsync();

        var burst = await SendAllAsync(emu, token, 2);
        emu.Time.Advance(TimeSpan.FromMilliseconds(900));
        var refused = await SendAllAsync(emu, token, 1);
        emu.Time.Advance(TimeSpan.FromMilliseconds(100));
        var passed = await SendAllAsync(emu, token, 2);

        Assert.Equal([400, 400], burst);
        Assert.Equal([403], refused);
        Assert.Equal([400, 400], passed);
    }

    [Fact]
    public async Task IpLimit_OnByDefaultWithDingTalksNumbers()
    {
        await using var emu = await TestEmulator.StartAsync();
        var options = emu.Get<EmulatorOptions>();

        Assert.True(options.IpLimitEnabled);
        Assert.Equal(10_000, options.IpLimit);
        Assert.Equal(TimeSpan.FromSeconds(20), options.IpLimitWindow);
        Assert.Equal(TimeSpan.FromMinutes(5), options.IpBanDuration);
    }

    [Fact]
    public async Task IpLimit_OneCallOverTheLimit_BansTheIpForTheBanDurationOnEveryApi()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.QpsLimitEnabled = false;
            o.IpLimit = 5;
        });
        var token = await emu.GetTokenAsync(); // the token call counts too

        var within = await SendAllAsync(emu, token, 4);
        var (status, body) = await emu.SendAsync(HttpMethod.Post, DownloadPath, DownloadBody, token);
        emu.Time.Advance(TimeSpan.FromSeconds(21)); // the window has passed, the ban has not
        var (bannedToken, _) = await emu.SendAsync(HttpMethod.Post, "/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret });
        emu.Time.Advance(TimeSpan.FromMinutes(5));
        var after = await SendAllAsync(emu, token, 1);

        Assert.Equal([400, 400, 400, 400], within);
        Assert.Equal(403, status);
        Assert.Equal("deny", body!["punish"]!.GetValue<string>());
        Assert.Equal(1111, body["status"]!.GetValue<int>());
        Assert.Equal(403, bannedToken);
        Assert.Equal([400], after);
    }

    [Fact]
    public async Task IpLimit_CountsASlidingWindow_CallsSpreadUnderTheLimitPass()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.QpsLimitEnabled = false;
            o.IpLimit = 4;
        });
        var token = await emu.GetTokenAsync();

        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            emu.Time.Advance(TimeSpan.FromSeconds(5)); // 4 calls per 20 s, never 5
            statuses.AddRange(await SendAllAsync(emu, token, 1));
        }

        Assert.All(statuses, s => Assert.Equal(400, s));
    }

    private static async Task<List<int>> SendAllAsync(TestEmulator emu, string token, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await emu.SendAsync(HttpMethod.Post, DownloadPath, DownloadBody, token)).Status);
        }

        return statuses;
    }
}
