using System.Security.Cryptography;

namespace DingGate.Agent.Scheduling;

// Short, user-facing job ids: 6 characters without look-alikes (no 0/o, 1/l/i), typed in "/jobs remove k3x9m2".
internal static class JobIds
{
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 6);
}
