using System.Collections.Concurrent;

namespace DingGate.Emulator.Stream;

/// <summary>Issued tickets: single use and valid <see cref="EmulatorOptions.TicketLifetime"/> on the emulator clock.</summary>
internal sealed class StreamTicketStore(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, StreamTicket> _tickets = new(StringComparer.Ordinal);

    public void Add(StreamTicket ticket)
    {
        Prune();
        _tickets[ticket.Value] = ticket;
    }

    /// <summary>Takes a ticket for an upgrade: null when unknown, already used or expired. A taken ticket is gone.</summary>
    public StreamTicket? Redeem(string? value)
    {
        if (string.IsNullOrEmpty(value) || !_tickets.TryRemove(value, out var ticket))
        {
            return null;
        }

        return ticket.ExpiresAt > options.TimeProvider.GetUtcNow() ? ticket : null;
    }

    /// <summary>Invalidates every outstanding ticket (control API); returns how many there were.</summary>
    public int ExpireAll()
    {
        var count = 0;
        foreach (var key in _tickets.Keys)
        {
            if (_tickets.TryRemove(key, out _))
            {
                count++;
            }
        }

        return count;
    }

    private void Prune()
    {
        var now = options.TimeProvider.GetUtcNow();
        foreach (var pair in _tickets)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _tickets.TryRemove(pair.Key, out _);
            }
        }
    }
}
