using System.ComponentModel;
using DingGate.Core.Replies;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools.Builtin;

// send_message: a proactive message to user:<staffId> or group:<openConversationId> through the channel's proactive
// sender, on the account answering the turn. The sender's explicit errors come back to the model as the result.
// Owner-only by default (tools.ownerOnly): the tool policy enforces that, not this tool. The sender is looked up when
// a message is sent: the channel that implements it depends (through its sessions and the agent) on the tools.
internal sealed class SendMessageTool(Func<IMessageSender?> senders) : IBuiltinTool
{
    public const string ToolName = "send_message";

    public const int MaxTextChars = 20_000;

    public string Name => ToolName;

    public string Description =>
        "Send a separate message now to a DingTalk user (user:<staffId>) or group (group:<openConversationId>), " +
        "apart from the current answer.";

    public AIFunction Create(ToolTurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return AIFunctionFactory.Create(
            (
                [Description("user:<staffId> or group:<openConversationId>.")] string target,
                [Description("The message text (markdown allowed).")] string text,
                CancellationToken cancellationToken) => SendAsync(turn.Message.AccountId, target, text, cancellationToken),
            new AIFunctionFactoryOptions { Name = ToolName, Description = Description });
    }

    public async Task<string> SendAsync(string accountId, string target, string text, CancellationToken cancellationToken)
    {
        if (senders() is not { } sender)
        {
            return "Not sent: no channel can send proactive messages in this gateway.";
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return "Not sent: the message text is empty.";
        }

        if (text.Length > MaxTextChars)
        {
            return $"Not sent: the message is {text.Length} characters, over the limit of {MaxTextChars}.";
        }

        MessageTarget parsed;
        try
        {
            parsed = MessageTarget.Parse(target ?? string.Empty);
        }
        catch (FormatException ex)
        {
            return "Not sent: " + ex.Message;
        }

        try
        {
            var receipt = await sender.SendAsync(accountId, parsed, new OutboundMessage { Text = text }, cancellationToken);
            return $"Sent to {parsed} ({receipt.MessageKeys.Count} message{(receipt.MessageKeys.Count == 1 ? string.Empty : "s")}).";
        }
        catch (MessageSendException ex)
        {
            return "Not sent: " + ex.Message;
        }
        catch (HttpRequestException ex)
        {
            return $"Not sent to {parsed}: the channel could not be reached ({ex.Message}).";
        }
        catch (ArgumentException ex)
        {
            return $"Not sent: account '{accountId}' cannot send ({ex.Message}).";
        }
    }
}
