using DingGate.Core.Replies;
using DingGate.Core.Secrets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Tools;

/// <summary>
/// Runs the tool calls of one turn (the function invoker of the turn's <see cref="FunctionInvokingChatClient"/>):
/// tells the reply a call started (<see cref="ReplyStatusKind.ToolCall"/>) and how it ended
/// (<see cref="ReplyStatusKind.ToolDone"/> / <see cref="ReplyStatusKind.ToolFailed"/>), bounds each call by
/// <see cref="ToolLimits.CallTimeout"/> on the <see cref="TimeProvider"/>, and turns whatever goes wrong (a throw, a
/// timeout, an owner-only refusal) into a result the model reads, never a failed turn. The turn's token (<c>/stop</c>,
/// the card's stop button, shutdown) cancels a running call at once, also one that ignores its token.
/// </summary>
internal sealed partial class ToolInvoker(IReplySink reply, ToolLimits limits, TimeProvider timeProvider, SecretRedactor redactor, ILogger logger)
{
    public async ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Function.Name;
        await reply.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, name), cancellationToken);
        var (result, ok) = await RunAsync(context, name, cancellationToken);
        await reply.WriteAsync(new ReplyStatus(ok ? ReplyStatusKind.ToolDone : ReplyStatusKind.ToolFailed, name), cancellationToken);
        return result;
    }

    private async Task<(string Result, bool Ok)> RunAsync(FunctionInvocationContext context, string name, CancellationToken cancellationToken)
    {
        if (context.Function is RefusedTool refused)
        {
            LogRefused(logger, name);
            return (ToolResults.Text(await refused.InvokeAsync(context.Arguments, cancellationToken), limits.ResultMaxChars), false);
        }

        using var timeout = new CancellationTokenSource(limits.CallTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = timeProvider.GetTimestamp();
        try
        {
            // WaitAsync: a tool that ignores its token still lets the turn go on (or stop) at once.
            var value = await context.Function.InvokeAsync(context.Arguments, linked.Token).AsTask().WaitAsync(linked.Token);
            var text = ToolResults.Text(value, limits.ResultMaxChars);
            var elapsed = timeProvider.GetElapsedTime(started);
            LogCallFinished(logger, name, text.Length, elapsed);
            return (text, true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCallCancelled(logger, name);
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogCallTimedOut(logger, name, limits.CallTimeout);
            return (ToolResults.TimedOut(name, limits.CallTimeout), false);
        }
        catch (Exception ex)
        {
            LogCallFailed(logger, name, ex);
            return (ToolResults.Failed(name, ex, redactor.Redact), false);
        }
    }
}
