using DingGate.Core.Replies;
using DingGate.Core.Texts;

namespace DingGate.Agent.Tools.Builtin;

// The answer text on its way to the reply, with MEDIA: lines taken out and honoured as send_file calls (FileSender,
// same workspace and URL guard). A reference that cannot be sent leaves a quoted note in the answer instead.
internal sealed class MediaLineWriter(FileSender sender, IReplySink reply, string accountId, BotLocale locale)
{
    // The note before the reason when a MEDIA: line's file cannot be sent (as the reply side's file notes read).
    public string NotePrefix { get; } = AgentTexts.FileNotSent.For(locale);

    private readonly MediaLineFilter _filter = new();

    public async ValueTask WriteAsync(string delta, CancellationToken cancellationToken)
    {
        var (visible, media) = _filter.Push(delta);
        await EmitAsync(visible, media, cancellationToken);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var (visible, media) = _filter.Flush();
        await EmitAsync(visible, media, cancellationToken);
    }

    private async ValueTask EmitAsync(string visible, IReadOnlyList<string> media, CancellationToken cancellationToken)
    {
        if (visible.Length > 0)
        {
            await reply.WriteAsync(new ReplyTextDelta(visible), cancellationToken);
        }

        foreach (var reference in media)
        {
            var result = await sender.SendAsync(reference, null, reply, accountId, cancellationToken);
            if (!result.Sent)
            {
                await reply.WriteAsync(new ReplyTextDelta($"> {NotePrefix}{result.Message}\n"), cancellationToken);
            }
        }
    }
}
