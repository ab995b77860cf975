using System.CommandLine;
using DingGate.Cli.State;
using DingGate.Core.Replies;
using DingGate.DingTalk;
using DingGate.DingTalk.Api;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Message;

/// <summary>
/// <c>dinggate message send --to user:&lt;id&gt;|group:&lt;cid&gt; [--account a] [--markdown] "text" [--file path]…</c>: a
/// proactive message through the DingTalk OpenAPI (no stream connection is opened).
/// </summary>
internal static class MessageCommand
{
    private const string SendDescription = """
        Send a message as the bot: to a user's 1:1 chat with the bot (user:<staffId>) or to a group the bot is in
        (group:<openConversationId>, as /whoami shows it). Text is sent as markdown when it looks like markdown, or
        always with --markdown; each --file follows as an image, file or voice message (checked before upload).
        Exit codes: 0 sent; 1 DingTalk refused or could not be reached (the reason is printed); 2 bad command line;
        78 invalid configuration.
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("message", "Send messages as the bot.");
        command.Subcommands.Add(Send(output, error));
        return command;
    }

    private static Command Send(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var to = new Option<string>("--to", "-t") { Description = "user:<staffId> or group:<openConversationId>.", Required = true, HelpName = "target" };
        var markdown = new Option<bool>("--markdown") { Description = "Send the text as markdown even if it does not look like it." };
        var files = new Option<string[]>("--file", "-f") { Description = "A file to send after the text (repeatable).", HelpName = "path" };
        var text = new Argument<string?>("text") { Description = "The message text.", Arity = ArgumentArity.ZeroOrOne };
        to.Validators.Add(r =>
        {
            try
            {
                MessageTarget.Parse(r.GetValueOrDefault<string>() ?? string.Empty);
            }
            catch (FormatException ex)
            {
                r.AddError("--to: " + ex.Message);
            }
        });
        var command = new Command("send", SendDescription) { to, markdown, files, text };
        state.AddTo(command);
        command.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValue(text)) && (r.GetValue(files) ?? []).Length == 0)
            {
                r.AddError("nothing to send: give the text, a --file, or both");
            }
        });
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var target = MessageTarget.Parse(parse.GetValue(to)!);
            var message = new OutboundMessage
            {
                Text = parse.GetValue(text) ?? string.Empty,
                Markdown = parse.GetValue(markdown) ? true : null,
                Files = [.. (parse.GetValue(files) ?? []).Select(f => OutboundFile.FromPath(Path.GetFullPath(f)))],
            };
            return await SendAsync(context, target, message, output, error, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> SendAsync(
        StateContext context, MessageTarget target, OutboundMessage message, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var provider = OfflineChannel.Services(context.Loaded);
        var quota = provider.GetRequiredService<DingGate.DingTalk.Quota.QuotaGovernor>();
        try
        {
            var receipt = await provider.GetRequiredService<DingTalkChannel>().SendAsync(context.AccountId, target, message, cancellationToken);
            await output.WriteLineAsync($"Sent to {target} through account {context.AccountId}: {receipt.MessageKeys.Count} message(s).");
            return ExitCodes.Ok;
        }
        catch (DingGate.DingTalk.Quota.QuotaExhaustedException ex)
        {
            await error.WriteLineAsync($"dinggate message send: refused: {context.Redactor.Redact(ex.Message)}");
            return ExitCodes.Runtime;
        }
        catch (MessageSendException ex) when (ex.InnerException is DingGate.DingTalk.Quota.QuotaExhaustedException refused)
        {
            await error.WriteLineAsync($"dinggate message send: refused: {context.Redactor.Redact(refused.Message)}");
            return ExitCodes.Runtime;
        }
        catch (MessageSendException ex)
        {
            await error.WriteLineAsync($"dinggate message send: {context.Redactor.Redact(ex.Message)}");
            return ExitCodes.Runtime;
        }
        catch (DingTalkApiException ex)
        {
            await error.WriteLineAsync($"dinggate message send: DingTalk refused: {context.Redactor.Redact(ex.Message)}");
            return ExitCodes.Runtime;
        }
        finally
        {
            // This process's billed calls count against the month like the gateway's.
            await quota.FlushAsync(CancellationToken.None);
        }
    }
}
