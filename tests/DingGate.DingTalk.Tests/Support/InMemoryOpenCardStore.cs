using System.Collections.Concurrent;
using DingGate.Core.Storage;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>An <see cref="IOpenCardStore"/> in memory, with a log of what was asked of it (for assertions).</summary>
internal sealed class InMemoryOpenCardStore : IOpenCardStore
{
    private readonly ConcurrentDictionary<(string AccountId, string OutTrackId), OpenCard> _cards = new();
    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>"add:&lt;id&gt;", "update:&lt;id&gt;:&lt;content&gt;", "mark:&lt;id&gt;:&lt;state&gt;", "remove:&lt;id&gt;" in call order.</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <summary>Called with each added card before it is stored (to observe what else happened by then).</summary>
    public Action<OpenCard>? OnAdd { get; set; }

    public Task AddAsync(OpenCard card, CancellationToken cancellationToken)
    {
        OnAdd?.Invoke(card);
        _cards[(card.AccountId, card.OutTrackId)] = card;
        _log.Enqueue("add:" + card.OutTrackId);
        return Task.CompletedTask;
    }

    public Task UpdateContentAsync(string accountId, string outTrackId, string content, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (_cards.TryGetValue((accountId, outTrackId), out var card))
        {
            _cards[(accountId, outTrackId)] = card with { Content = content, UpdatedAt = at };
            _log.Enqueue("update:" + outTrackId + ":" + content);
        }

        return Task.CompletedTask;
    }

    public Task MarkAsync(string accountId, string outTrackId, OpenCardState state, string? content, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (_cards.TryGetValue((accountId, outTrackId), out var card))
        {
            _cards[(accountId, outTrackId)] = card with { State = state, Content = content ?? card.Content, UpdatedAt = at };
            _log.Enqueue("mark:" + outTrackId + ":" + state);
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string accountId, string outTrackId, CancellationToken cancellationToken)
    {
        if (_cards.TryRemove((accountId, outTrackId), out _))
        {
            _log.Enqueue("remove:" + outTrackId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OpenCard>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenCard>>(_cards.Values.Where(c => c.AccountId == accountId).OrderBy(c => c.CreatedAt).ToList());
}
