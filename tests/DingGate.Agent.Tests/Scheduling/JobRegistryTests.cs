using DingGate.Agent.Scheduling;
using DingGate.Agent.Tests.Support;
using DingGate.Agent.Tools;
using DingGate.Core.Inbound;
using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Agent.Tests.Scheduling;

// The schedule tool and the registry behind it, over the real SQLite store on a fake clock.
public sealed class JobRegistryTests : IAsyncDisposable
{
    // 16:00 in Asia/Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ServiceProvider _services;
    private readonly JobWakeSignal _wake = new();

    public JobRegistryTests()
    {
        _services = new ServiceCollection().AddSingleton<TimeProvider>(_time).AddSqliteStorage(_folder.Path).BuildServiceProvider();
    }

    private IScheduledJobStore Store => _services.GetRequiredService<IScheduledJobStore>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _folder.Dispose();
    }

    private ScheduleTool Tool(int maxJobs = 50) =>
        new(new JobRegistry(Store, ScheduleOptions.From(new() { MaxJobsPerSender = maxJobs }), _wake, _time));

    private static ToolTurnContext Turn(ConversationKind conversation = ConversationKind.Direct, bool owner = false, string? staffId = "staff-1")
    {
        var message = Messages.Text("提醒我", conversation: conversation) with { Sender = new InboundSender("sender-1", staffId, "张三", null, false) };
        return new ToolTurnContext(message, new SessionKey("main", "dm:sender-1"), new CollectingReplySink(), "default", owner);
    }

    [Fact]
    public async Task Create_AtWithoutOffset_IsReadInTheDefaultZone_AndWakesTheScheduler()
    {
        var woken = _wake.Next();

        var result = await Tool().CreateAsync(Turn(), "开会", null, "2026-11-26T09:00", null, null, null, null, CancellationToken.None);

        Assert.StartsWith("Scheduled job ", result, StringComparison.Ordinal);
        var job = Assert.Single(await Store.ListAsync("main", "staff-1", false, CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero), job.NextOccurrence);
        Assert.Equal(("user:staff-1", "Asia/Shanghai", ScheduledJobKind.Message), (job.Target, job.TimeZone, job.Kind));
        Assert.Contains("2026-11-26 09:00 (Asia/Shanghai)", result, StringComparison.Ordinal);
        Assert.True(woken.IsCompleted);
    }

    [Fact]
    public async Task Create_InAGroup_TargetsTheGroup_WithAPromptItIsAnAgentJob()
    {
        var result = await Tool().CreateAsync(Turn(ConversationKind.Group), null, "总结本周", null, 2, null, null, null, CancellationToken.None);

        Assert.StartsWith("Scheduled job ", result, StringComparison.Ordinal);
        var job = Assert.Single(await Store.ListAsync("main", null, false, CancellationToken.None));
        Assert.Equal(("group:cid-1", ScheduledJobKind.Agent, "总结本周", Now.AddMinutes(2)), (job.Target, job.Kind, job.Text, job.NextOccurrence));
    }

    [Theory]
    [InlineData("2026-11-25T15:00", null, null, null, "in the past")]
    [InlineData(null, null, null, null, "exactly one of")]
    [InlineData("2026-11-26T09:00", 5, null, null, "exactly one of")]
    [InlineData(null, 0, null, null, "delayMinutes must be")]
    [InlineData(null, null, "every monday", null, "not a cron expression")]
    [InlineData("tomorrow", null, null, null, "not an ISO 8601 time")]
    [InlineData(null, 5, null, "Mars/Olympus", "not a known IANA time zone")]
    public async Task Create_BadWhen_RefusedWithTheReason(string? at, int? delay, string? cron, string? zone, string reason)
    {
        var result = await Tool().CreateAsync(Turn(), "x", null, at, delay, cron, zone, null, CancellationToken.None);

        Assert.StartsWith("Not scheduled: ", result, StringComparison.Ordinal);
        Assert.Contains(reason, result, StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync(null, null, true, CancellationToken.None));
    }

    [Fact]
    public async Task Create_AnotherTarget_OnlyForOwners_AndNotForExternalUsers()
    {
        var refused = await Tool().CreateAsync(Turn(), "x", null, null, 5, null, null, "group:cidOther", CancellationToken.None);
        var allowed = await Tool().CreateAsync(Turn(owner: true), "x", null, null, 5, null, null, "group:cidOther", CancellationToken.None);
        var external = await Tool().CreateAsync(Turn(staffId: null), "x", null, null, 5, null, null, null, CancellationToken.None);

        Assert.Contains("only owners", refused, StringComparison.Ordinal);
        Assert.StartsWith("Scheduled job ", allowed, StringComparison.Ordinal);
        Assert.Contains("no staff id", external, StringComparison.Ordinal);
        Assert.Equal("group:cidOther", Assert.Single(await Store.ListAsync(null, null, true, CancellationToken.None)).Target);
    }

    [Fact]
    public async Task Create_OverTheLimitPerSender_Refused()
    {
        var tool = Tool(maxJobs: 2);
        await tool.CreateAsync(Turn(), "1", null, null, 5, null, null, null, CancellationToken.None);
        await tool.CreateAsync(Turn(), "2", null, null, 5, null, null, null, CancellationToken.None);

        var third = await tool.CreateAsync(Turn(), "3", null, null, 5, null, null, null, CancellationToken.None);

        Assert.Contains("already has 2 active jobs", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndRemove_OwnJobsOnly_UnlessOwner()
    {
        var tool = Tool();
        await tool.CreateAsync(Turn(), "我的提醒", null, null, 5, null, null, null, CancellationToken.None);
        var id = Assert.Single(await Store.ListAsync(null, null, false, CancellationToken.None)).Id;
        var other = Turn(staffId: "staff-2");

        var otherList = await tool.ListAsync(other, CancellationToken.None);
        var otherRemove = await tool.RemoveAsync(other, id, CancellationToken.None);
        var ownList = await tool.ListAsync(Turn(), CancellationToken.None);
        var ownerRemove = await tool.RemoveAsync(Turn(owner: true, staffId: "boss"), id, CancellationToken.None);
        var again = await tool.RemoveAsync(Turn(), id, CancellationToken.None);

        Assert.Equal("The sender has no active jobs.", otherList);
        Assert.Contains("belongs to someone else", otherRemove, StringComparison.Ordinal);
        Assert.Contains(id, ownList, StringComparison.Ordinal);
        Assert.Contains("我的提醒", ownList, StringComparison.Ordinal);
        Assert.Equal($"Removed job {id}.", ownerRemove);
        Assert.Equal($"Not removed: no job {id}.", again);
    }

    [Fact]
    public async Task Function_OnlyActionIsRequired_AsTheModelCallsIt()
    {
        var function = Tool().Create(Turn());

        var required = function.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        var listed = await function.InvokeAsync(new AIFunctionArguments { ["action"] = "list" });
        var created = await function.InvokeAsync(new AIFunctionArguments { ["action"] = "create", ["text"] = "喝水", ["delayMinutes"] = 2 });

        Assert.Equal(["action"], required);
        Assert.Equal("The sender has no active jobs.", listed?.ToString());
        Assert.StartsWith("Scheduled job ", created?.ToString(), StringComparison.Ordinal);
        Assert.Equal(Now.AddMinutes(2), Assert.Single(await Store.ListAsync(null, null, false, CancellationToken.None)).NextOccurrence);
    }

    [Fact]
    public void Cron_InAZoneWithDaylightSaving_KeepsTheLocalTimeAcrossTheChange()
    {
        var job = new ScheduledJob
        {
            Id = "dst", AccountId = "main", Target = "user:a", Creator = "a", Kind = ScheduledJobKind.Message, Text = "x",
            Cron = "0 9 * * *", TimeZone = "America/New_York", CreatedAt = Now,
        };

        // 2026-11-01 02:00 EDT → 01:00 EST: 09:00 is 13:00 UTC before, 14:00 UTC after.
        var before = JobClock.NextAfter(job, new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero));
        var after = JobClock.NextAfter(job, before!.Value);
        var later = JobClock.NextAfter(job, after!.Value);

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 13, 0, 0, TimeSpan.Zero), before);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 14, 0, 0, TimeSpan.Zero), after);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero), later);
    }
}
