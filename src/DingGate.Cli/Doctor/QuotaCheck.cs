using System.Globalization;
using DingGate.DingTalk.Quota;

namespace DingGate.Cli.Doctor;

/// <summary>
/// The month of each quota group as the state database has it (<c>api_usage</c>, written by the gateway every 30 s):
/// used / budget / forecast / step. Warns from the warning step on; never fails (replies still go out through the
/// session webhook at the last step).
/// </summary>
internal static class QuotaCheck
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(QuotaGovernor governor, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        foreach (var s in await governor.StatusAsync(cancellationToken))
        {
            var name = $"quota ({s.Group})";
            if (s.Budget <= 0)
            {
                checks.Add(DoctorCheck.Pass(name, string.Create(CultureInfo.InvariantCulture,
                    $"{QuotaMonth.Text(s.Month)}: {s.Used} OpenAPI calls counted; no budget set (quota.monthlyCalls 0), nothing is degraded")));
                continue;
            }

            var detail = Describe(s);
            checks.Add(s.Step switch
            {
                QuotaStep.Normal => DoctorCheck.Pass(name, detail),
                QuotaStep.WebhookOnly => DoctorCheck.Warn(name, detail,
                    "no OpenAPI call is made until the month ends (Asia/Shanghai): only session-webhook replies; raise channels.dingtalk.quota.monthlyCalls if the organisation's edition allows more"),
                _ => DoctorCheck.Warn(name, detail,
                    "replies are degraded step by step as the budget runs out (docs/replies.md, Quota); markdown replies cost no OpenAPI call, card replies several"),
            });
        }

        return checks;
    }

    public static string Describe(QuotaGroupStatus s) => string.Create(CultureInfo.InvariantCulture,
        $"{QuotaMonth.Text(s.Month)}: {s.Used} of {s.Budget} OpenAPI calls used ({s.Percent:0.#}%), forecast {s.Forecast} by the end of the month; step {s.StepName} (accounts {string.Join(", ", s.Accounts)})");
}
