using DingGate.DingTalk.Api;

namespace DingGate.DingTalk.Quota;

/// <summary>
/// An OpenAPI call was not sent because its quota group is at the webhook-only step (the monthly budget is used up,
/// or DingTalk said so). Nothing went on the wire: for a reply this means "not delivered now" (it waits in the reply
/// outbox), for a proactive send or an upload a clear refusal.
/// </summary>
public sealed class QuotaExhaustedException : DingTalkApiException
{
    public QuotaExhaustedException()
    {
    }

    public QuotaExhaustedException(string message)
        : base(message)
    {
    }

    public QuotaExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QuotaExhaustedException(string endpoint, QuotaGroupStatus status)
        : base(Describe(endpoint, status))
    {
        Group = status.Group;
    }

    /// <summary>The quota group whose budget is used up.</summary>
    public string? Group { get; }

    private static string Describe(string endpoint, QuotaGroupStatus s) =>
        $"DingTalk call {endpoint} not sent: the monthly OpenAPI budget of quota group '{s.Group}' is used up "
        + (s.RefusedByDingTalk ? $"(DingTalk refused a call for the organisation's monthly quota; {s.Used} counted here" : $"({s.Used} of {s.Budget} calls")
        + $" in {QuotaMonth.Text(s.Month)}, Asia/Shanghai). Until the month ends only session-webhook replies are sent; raise channels.dingtalk.quota.monthlyCalls if the organisation's edition allows more.";
}
