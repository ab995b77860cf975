namespace DingGate.Core.Configuration;

/// <summary><c>tools.schedule</c>: scheduled jobs (the <c>schedule</c> tool, <c>/jobs</c>, <c>dinggate jobs</c>).</summary>
public sealed class ScheduleSettings
{
    /// <summary>IANA time zone of jobs that name none (default: <c>Asia/Shanghai</c>, DingTalk's home zone).</summary>
    public string? TimeZone { get; set; }

    /// <summary>An occurrence missed while the gateway was down: <c>late</c> (delivered once, late, with a note; default) or <c>skip</c>.</summary>
    public string? Missed { get; set; }

    /// <summary>Most active jobs per sender (default 50).</summary>
    public int? MaxJobsPerSender { get; set; }
}
