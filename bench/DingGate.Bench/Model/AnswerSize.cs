namespace DingGate.Bench.Model;

/// <summary>The three answer lengths of the calls-per-reply table (about 80, 1 000 and 10 000 characters).</summary>
internal enum AnswerSize
{
    Short,
    Medium,
    Long,
}
