using System.Security.Cryptography;

namespace DingGate.DingTalk.Policies;

/// <summary>
/// Pairing codes: <see cref="Length"/> characters from an alphabet without look-alikes (no 0/O, 1/I/L), drawn from a
/// cryptographic random source by default. Tests inject their own index source.
/// </summary>
internal sealed class PairingCodeGenerator(Func<int, int> nextIndex)
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 8;

    public PairingCodeGenerator()
        : this(RandomNumberGenerator.GetInt32)
    {
    }

    public string Next()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            // An injected source may return anything; keep the index in range.
            chars[i] = Alphabet[(int)((uint)nextIndex(Alphabet.Length) % Alphabet.Length)];
        }

        return new string(chars);
    }
}
