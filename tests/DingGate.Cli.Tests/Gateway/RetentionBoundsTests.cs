using System.Security.Cryptography;
using System.Text;
using Dapper;
using DingGate.Cli.Gateway.Retention;
using DingGate.Core.Configuration;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;
using DingGate.DingTalk;
using DingGate.DingTalk.Tests.Support;
using DingGate.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Cli.Tests.Gateway;

/// <summary>
/// Retention over a long run on a fake clock: 100,000 messages through the real SQLite stores (journal append and
/// marks, dedup marks, session history, delivered reply-outbox entries for every 20th) and media folders for every 100th, over 20 simulated days (a message every ~17 s), with the
/// gateway's own retention composition (<c>AddRetention</c> + the channel's media target) run every simulated hour.
/// </summary>
public sealed class RetentionBoundsTests
{
    private const string Account = "default";
    private const int Messages = 100_000;
    private const int Sessions = 50;
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(20);
    private static readonly TimeSpan DedupTtl = TimeSpan.FromHours(24);

    // Journal and media at their defaults; history shorter than its 30-day default so it purges within the 20 days.
    private static readonly RetentionPolicy Policy = RetentionPolicy.Default with { SessionHistory = TimeSpan.FromDays(5) };

    [Fact]
    public async Task HundredThousandMessagesOverTwentyDays_RowCountsStayWithinTheRetentionWindowsAndOldMediaIsGone()
    {
        using var state = new TempDirectory();
        var time = new FakeTimeProvider(T0);
        await using var services = Compose(state.Path, time);
        var journal = services.GetRequiredService<IInboundJournal>();
        var dedup = services.GetRequiredService<IDedupStore>();
        var sessions = services.GetRequiredService<ISessionStore>();
        var outbox = services.GetRequiredService<IReplyOutbox>();
        var pendingOutbox = new List<long>();
        var pass = services.GetRequiredService<RetentionPass>();
        var mediaRoot = Path.Combine(state.Path, "media", Account);
        var step = Span / Messages;
        var unfinished = new List<string>();
        var received = new DateTimeOffset[Messages];
        var nextPass = T0 + TimeSpan.FromHours(1);
        var passes = 0;

        for (var i = 0; i < Messages; i++)
        {
            var now = time.GetUtcNow();
            received[i] = now;
            var key = Key(i);
            var stillRunning = i % 10_000 == 5_000; // never finishes (its handler still runs): it and its media must survive

            var withMedia = i % 100 == 0;
            Assert.True(await dedup.TryMarkSeenAsync(Account, key, now, now + DedupTtl, CancellationToken.None));
            if (stillRunning || withMedia)
            {
                // The full life: journaled, picked up, media downloaded, then (unless still running) finished.
                await journal.AppendAsync(new InboundJournalEntry(Account, key, "/v1.0/im/bot/messages/get", "{}", now), CancellationToken.None);
                await journal.MarkAsync(Account, key, InboundState.Processing, null, CancellationToken.None);
                if (withMedia)
                {
                    var folder = Directory.CreateDirectory(Path.Combine(mediaRoot, FolderName(key)));
                    await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "photo.png"), [1, 2, 3]);
                }

                if (stillRunning)
                {
                    unfinished.Add(key);
                }
                else
                {
                    await journal.MarkAsync(Account, key, InboundState.Answered, null, CancellationToken.None);
                }
            }
            else
            {
                // For speed, the rest is journaled already finished (one write instead of append + two marks).
                var finalState = i % 97 == 0 ? InboundState.Failed : InboundState.Answered;
                await journal.AppendAsync(new InboundJournalEntry(Account, key, "/v1.0/im/bot/messages/get", "{}", now, finalState), CancellationToken.None);
            }

            // Every 20th answer went through the outbox (delivered); one in 10,000 is never delivered and must survive.
            if (i % 20 == 0 && !stillRunning)
            {
                var id = await outbox.AddAsync(OutboxEntry(key, now), CancellationToken.None);
                if (i % 10_000 == 0)
                {
                    pendingOutbox.Add(id);
                }
                else
                {
                    await outbox.PartDeliveredAsync(id, 0, now, CancellationToken.None);
                }
            }

            // Every 4th message stores an exchange (two history rows) in one of 50 sessions.
            if (i % 4 == 0 && !stillRunning)
            {
                var scope = new SessionKey(Account, "dm:user" + (i % Sessions));
                await sessions.AppendExchangeAsync(
                    scope, new SessionTurn(SessionTurn.User, "q" + i, now), new SessionTurn(SessionTurn.Assistant, "a" + i, now), 1, 1, CancellationToken.None);
            }

            time.Advance(step);
            if (time.GetUtcNow() >= nextPass)
            {
                await pass.RunAsync(CancellationToken.None);
                passes++;
                nextPass += TimeSpan.FromHours(1);
                if (passes % 24 == 0)
                {
                    await AssertBoundedAsync(state.Path, mediaRoot, received, i + 1, unfinished, time.GetUtcNow());
                }
            }
        }

        time.Advance(TimeSpan.FromHours(1));
        await pass.RunAsync(CancellationToken.None);
        await AssertBoundedAsync(state.Path, mediaRoot, received, Messages, unfinished, time.GetUtcNow());

        // The oldest answered messages are gone everywhere; the unfinished ones are all still there with their media.
        Assert.Null(await journal.FindAsync(Account, Key(1), CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(mediaRoot, FolderName(Key(100)))));
        Assert.True(await dedup.TryMarkSeenAsync(Account, Key(1), time.GetUtcNow(), time.GetUtcNow() + DedupTtl, CancellationToken.None));
        foreach (var key in unfinished)
        {
            Assert.Equal(InboundState.Processing, (await journal.FindAsync(Account, key, CancellationToken.None))!.State);
            Assert.True(Directory.Exists(Path.Combine(mediaRoot, FolderName(key))), key);
        }

        Assert.Equal(unfinished, (await journal.ListUnfinishedAsync(Account, CancellationToken.None)).Select(e => e.MessageKey));
        foreach (var id in pendingOutbox)
        {
            var entry = await outbox.FindAsync(id, CancellationToken.None);
            Assert.NotNull(entry);
            Assert.NotEqual(OutboxState.Delivered, entry.State);
        }
    }

    // Each store holds at most the messages of its window (plus one pass interval of lag) and never loses an
    // unfinished entry; every media folder left is an unfinished message's or one received within the media window.
    private static async Task AssertBoundedAsync(
        string stateDirectory, string mediaRoot, DateTimeOffset[] received, int count, List<string> unfinished, DateTimeOffset now)
    {
        int Within(TimeSpan window) => received.Take(count).Count(at => at > now - window - Policy.Interval);

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(stateDirectory, "dinggate.db") }.ToString());
        await connection.OpenAsync();
        var journalRows = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM inbound_journal;");
        var dedupRows = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM dedup_marks;");
        var historyRows = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM session_messages;");
        var outboxRows = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM reply_outbox;");
        var outboxParts = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM reply_outbox_parts;");
        var folders = Directory.EnumerateDirectories(mediaRoot).Select(Path.GetFileName).ToHashSet();
        var day = (now - T0).TotalDays;
        if (count == Messages)
        {
            // At the end (day 20) far fewer rows remain than were written: 100,000 journal rows, 50,000 history rows.
            Assert.True(journalRows < Messages / 2 && historyRows < Messages / 4, $"journal {journalRows}, history {historyRows}");
        }

        Assert.InRange(journalRows, Math.Min(count, unfinished.Count), Within(Policy.Journal) + unfinished.Count);
        Assert.InRange(dedupRows, 0, Within(DedupTtl));
        Assert.InRange(historyRows, 0, 2 * ((Within(Policy.SessionHistory) / 4) + 1));
        var pendingOutbox = (count / 10_000) + 1;
        Assert.InRange(outboxRows, 0, (Within(Policy.Outbox) / 20) + 1 + pendingOutbox);
        Assert.Equal(outboxRows, outboxParts);
        var recentMedia = Enumerable.Range(0, count).Where(i => i % 100 == 0 && received[i] > now - Policy.Media - Policy.Interval).Select(i => FolderName(Key(i)));
        var allowed = recentMedia.Concat(unfinished.Select(FolderName)).ToHashSet();
        Assert.True(folders.IsSubsetOf(allowed), $"day {day:0.0}: {folders.Except(allowed).Count()} media folders past retention");
        Assert.All(unfinished.Select(FolderName), f => Assert.Contains(f, folders));
    }

    private static ServiceProvider Compose(string stateDirectory, FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging();
        services.AddSqliteStorage(stateDirectory);
        services.AddDingTalk(new DingTalkChannelOptions
        {
            Settings = new DingTalkChannelSettings { ClientId = "dingretention", ClientSecret = "s" },
            StateDirectory = stateDirectory,
            MediaRetention = Policy.Media,
        });
        services.AddRetention(Policy);
        return services.BuildServiceProvider();
    }

    private static OutboxEntry OutboxEntry(string key, DateTimeOffset at) => new()
    {
        AccountId = Account, MessageKey = key, ConversationId = "cid-" + key, IsGroup = false, UserId = "user001", Markdown = true,
        Parts = [new OutboxPart("回答", "answer to " + key)], CreatedAt = at,
    };

    private static string Key(int i) => $"msg{i:D6}==";

    // The layout of docs/architecture.md: media/<account>/<first 24 hex of SHA-256(msgId)>/.
    private static string FolderName(string messageId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..24];
}
