using System.Globalization;

namespace DingGate.Agent.Attachments;

// Bytes one file may still decompress (all its zip parts, or all its PDF streams together), and the file's deadline:
// every read through the budget checks the token, so even a parser deep in one huge part stops in time.
internal sealed class DecompressionBudget(long maxBytes, CancellationToken cancellationToken)
{
    public long MaxBytes => maxBytes;

    public long Used { get; private set; }

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>The first limit this file went over (kept: a parser that swallows it must not get to try again).</summary>
    public ExtractionLimitExceededException? Exceeded { get; private set; }

    /// <summary>Throws the limit the file went over, if any (also when a parser caught and ignored it).</summary>
    public void ThrowIfExceeded()
    {
        if (Exceeded is { } exceeded)
        {
            throw new ExtractionLimitExceededException(exceeded.Limit, exceeded.Message);
        }
    }

    /// <summary>Records and throws a limit.</summary>
    public void Exceed(ExtractionLimit limit, string message)
    {
        Exceeded ??= new ExtractionLimitExceededException(limit, message);
        ThrowIfExceeded();
    }

    /// <summary>Counts <paramref name="bytes"/> more; throws once the total is over the cap.</summary>
    public void Take(long bytes)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfExceeded();
        Used += bytes;
        if (Used > maxBytes)
        {
            Exceed(ExtractionLimit.DecompressedBytes, string.Create(CultureInfo.InvariantCulture, $"more than {maxBytes} bytes decompressed"));
        }
    }
}
