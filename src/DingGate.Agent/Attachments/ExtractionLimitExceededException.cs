namespace DingGate.Agent.Attachments;

/// <summary>A file went over one of the <see cref="ExtractionLimits"/> while it was read; becomes a note naming the limit.</summary>
internal sealed class ExtractionLimitExceededException : Exception
{
    public ExtractionLimitExceededException()
    {
    }

    public ExtractionLimitExceededException(string message)
        : base(message)
    {
    }

    public ExtractionLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExtractionLimitExceededException(ExtractionLimit limit, string message)
        : base(message) => Limit = limit;

    /// <summary>Which limit was reached.</summary>
    public ExtractionLimit Limit { get; }
}
