using DingGate.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Admin;

// Every admin answer goes through the host's redactor: a failure reason quoting a configured secret, the admin token
// or an access token (as an exception message may) shows *** in /status.
public sealed class AdminRedactionTests : AdminTestBase
{
    private const string ClientSecret = "demo-secret";

    [Fact]
    public async Task Status_FailureReasonQuotingSecrets_Masked()
    {
        var admin = await StartAsync(Account("dingdemoappkey", ClientSecret));
        var token = (await File.ReadAllTextAsync(Path.Combine(_state, Cli.Admin.AdminToken.FileName))).Trim();
        // Connected: the journal's resume at start is over, so it cannot take (and re-mark) the entry written below.
        await WaitForStatusAsync(admin, a => a["connected"]!.GetValue<bool>());
        var journal = _gateway!.Services.GetRequiredService<IInboundJournal>();
        await journal.AppendAsync(new InboundJournalEntry("default", "msg-leak", "/v1.0/im/bot/messages/get", "{}", DateTimeOffset.UtcNow), CancellationToken.None);
        var reason = $"HttpRequestException: refused with secret {ClientSecret}, admin token {token}, header x-acs-dingtalk-access-token: 0123456789abcdef";
        await journal.MarkAsync("default", "msg-leak", InboundState.Failed, reason, CancellationToken.None);

        var status = await (await GetAsync(admin, "/status")).Content.ReadAsStringAsync();

        Assert.Contains("refused with secret ***, admin token ***, header x-acs-dingtalk-access-token: ***", status, StringComparison.Ordinal);
        Assert.DoesNotContain(token, status, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", status, StringComparison.Ordinal);
    }
}
