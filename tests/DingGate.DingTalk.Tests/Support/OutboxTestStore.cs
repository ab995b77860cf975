using DingGate.Core.Storage;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>A real SQLite reply outbox in a temp state directory (for tests that build the reply parts by hand); dispose to delete it.</summary>
internal sealed class OutboxTestStore : IAsyncDisposable
{
    private readonly TempDirectory _state = new();
    private readonly ServiceProvider _services;

    public OutboxTestStore(TimeProvider time)
    {
        _services = new ServiceCollection().AddSingleton(time).AddSqliteStorage(_state.Path).BuildServiceProvider();
        Outbox = _services.GetRequiredService<IReplyOutbox>();
    }

    public IReplyOutbox Outbox { get; }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _state.Dispose();
    }
}
