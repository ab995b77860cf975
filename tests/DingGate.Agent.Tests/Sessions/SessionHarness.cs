using DingGate.Agent.Running;
using DingGate.Agent.Sessions;
using DingGate.Core.Cluster;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Sessions;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Agent.Tests.Sessions;

// The real session layer (AddAgentSessions) over a real SQLite store in a temp directory, with a scripted agent.
internal sealed class SessionHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dinggate-agent-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private int _messages;

    // locale: channels.dingtalk.locale of the live configuration (null: none registered, the default zh-CN).
    // clustered: the process is one replica of several on a shared state (the exchange is stored before the reply).
    public SessionHarness(SessionSettings? settings = null, string? locale = null, bool clustered = false)
    {
        var services = new ServiceCollection();
        if (clustered)
        {
            services.AddSingleton(ReplicaIdentity.Create("replica-test", clustered: true, lease: null));
        }

        if (locale is not null)
        {
            services.AddSingleton(new LiveConfig(new DinggateConfig { Channels = { Dingtalk = new DingTalkChannelSettings { Locale = locale } } }));
        }

        _services = services
            .AddSingleton<IAgentRunner>(Runner)
            .AddSqliteStorage(_directory)
            .AddAgentSessions(settings ?? new SessionSettings())
            .BuildServiceProvider();
        Handler = _services.GetRequiredService<IInboundHandler>();
        Queue = _services.GetRequiredService<SessionQueue>();
        Store = _services.GetRequiredService<ISessionStore>();
    }

    public ScriptedAgentRunner Runner { get; } = new();

    public IInboundHandler Handler { get; }

    public SessionQueue Queue { get; }

    public ISessionStore Store { get; }

    public InboundMessage Dm(string text, string sender = "u1") => new()
    {
        AccountId = "acc",
        MessageId = "msg-" + Interlocked.Increment(ref _messages),
        ConversationId = "cid-dm-" + sender,
        Conversation = ConversationKind.Direct,
        Sender = new InboundSender("sid-" + sender, "staff-" + sender, "Nick " + sender, "corp", false),
        Kind = InboundContentKind.Text,
        Text = text,
        CreatedAt = T0,
    };

    public InboundMessage InGroup(string text, string sender, string cid = "cid-group") => Dm(text, sender) with
    {
        ConversationId = cid,
        Conversation = ConversationKind.Group,
        ConversationTitle = "Team",
    };

    // Hands the message to the handler as the channel does and returns the sink its answer goes to.
    public async Task<RecordingReplySink> SendAsync(InboundMessage message)
    {
        var sink = new RecordingReplySink();
        await Handler.HandleAsync(message, sink, CancellationToken.None);
        return sink;
    }

    public Task<RecordingReplySink> SendAsync(string text) => SendAsync(Dm(text));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
