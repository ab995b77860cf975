using System.Globalization;
using System.Text;

namespace DingGate.Emulator.Fixtures;

/// <summary>
/// Every id the emulator invents, from one seedable random source so that a test run with a seed is repeatable.
/// Shapes follow the spec's examples (UUIDs, <c>msg…==</c>, <c>21a7c3e0_1f3_18c1f2a2d11_5c2e</c>).
/// </summary>
internal sealed class IdGenerator
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private readonly Random _random;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public IdGenerator(EmulatorOptions options)
    {
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        _time = options.TimeProvider;
    }

    public string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_gate)
        {
            _random.NextBytes(bytes);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    public string NewHex(int length)
    {
        var sb = new StringBuilder(length);
        lock (_gate)
        {
            for (var i = 0; i < length; i++)
            {
                sb.Append("0123456789abcdef"[_random.Next(16)]);
            }
        }

        return sb.ToString();
    }

    public string NewBase64Id(int length)
    {
        var sb = new StringBuilder(length);
        lock (_gate)
        {
            for (var i = 0; i < length; i++)
            {
                sb.Append(Base64Alphabet[_random.Next(Base64Alphabet.Length)]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Stream frame id, shaped like <c>21a7c3e0_1f3_18c1f2a2d11_5c2e</c>.</summary>
    public string NewFrameMessageId()
    {
        var millis = _time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
        return $"{NewHex(8)}_{NewHex(3)}_{millis}_{NewHex(4)}";
    }

    /// <summary>Encrypted-looking message id, <c>msg…==</c>.</summary>
    public string NewMsgId() => "msg" + NewBase64Id(22) + "==";

    /// <summary>Request id as DingTalk puts in <c>requestid</c>: an upper-case UUID.</summary>
    public string NewRequestId() => NewUuid().ToUpperInvariant();

    public int Next(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }
}
