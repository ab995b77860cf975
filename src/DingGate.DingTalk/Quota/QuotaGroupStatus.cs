namespace DingGate.DingTalk.Quota;

/// <summary>
/// One quota group's month: the OpenAPI calls used so far (all its accounts, kept across restarts), the budget, the
/// forecast (<see cref="QuotaForecast"/>) and the step. <see cref="RefusedByDingTalk"/>: DingTalk itself answered that
/// the organisation's monthly quota is used up (then the step is <see cref="QuotaStep.WebhookOnly"/> whatever the count).
/// </summary>
public sealed record QuotaGroupStatus(
    string Group, IReadOnlyList<string> Accounts, int Month, long Used, long Budget, long Forecast, QuotaStep Step, bool RefusedByDingTalk)
{
    /// <summary>Used as a percent of the budget (0 when there is no budget).</summary>
    public double Percent => Budget > 0 ? Math.Round(Used * 100.0 / Budget, 1) : 0;

    /// <summary>"warned", "cardsOff", … as shown by status and metrics labels.</summary>
    public string StepName => QuotaSteps.Name(Step);
}
