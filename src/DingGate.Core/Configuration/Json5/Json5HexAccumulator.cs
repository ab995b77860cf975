using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Json5;

// Collects hex digits in one pass: the first 16 significant digits exactly, the rest as a count and a sticky bit,
// so that any length rounds correctly to a double (as JavaScript's Number("0x...") does).
internal struct Json5HexAccumulator
{
    private ulong _mantissa;
    private int _significant;
    private int _dropped;
    private bool _sticky;

    public void Add(int digit)
    {
        if (_significant == 0 && digit == 0)
        {
            return;
        }

        if (_significant < 16)
        {
            _mantissa = (_mantissa << 4) | (uint)digit;
            _significant++;
        }
        else
        {
            _dropped++;
            _sticky |= digit != 0;
        }
    }

    public readonly JsonNode ToNode(bool negative)
    {
        if (_dropped == 0)
        {
            if (_mantissa == 0)
            {
                return negative ? JsonValue.Create(-0.0) : JsonValue.Create(0L);
            }

            if (!negative && _mantissa <= long.MaxValue)
            {
                return JsonValue.Create((long)_mantissa);
            }

            if (negative && _mantissa <= 1UL << 63)
            {
                return JsonValue.Create((long)(0UL - _mantissa));
            }
        }

        // The top digit is non-zero, so bit 0 lies below the 53 kept bits: OR-ing the dropped digits there rounds right.
        var mantissa = _sticky ? _mantissa | 1 : _mantissa;
        var value = Math.ScaleB(mantissa, Math.Min(_dropped, 1_000) * 4);
        return JsonValue.Create(negative ? -value : value);
    }
}
