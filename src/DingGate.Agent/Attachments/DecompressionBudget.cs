using System.Globalization;

namespace DingGate.Agent.Attachments;

// Bytes one file may still decompress (all its zip parts, or all its PDF streams together), and the file's deadline:
// every read through the budget checks the token, so even a parser deep in one huge part stops in time.
internal sealed class DecompressionBudget(long maxBytes, CancellationToken cancellationToken)
{
    public long MaxBytes => maxBytes;

    public long Used { get; private set; }

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Counts <paramref name="bytes"/> more; throws once the total is over the cap.</summary>
    public void Take(long bytes)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Used += bytes;
        if (Used > maxBytes)
        {
            throw new ExtractionLimitExceededException(
                ExtractionLimit.DecompressedBytes,
                string.Create(CultureInfo.InvariantCulture, $"more than {maxBytes} bytes decompressed"));
        }
    }
}
