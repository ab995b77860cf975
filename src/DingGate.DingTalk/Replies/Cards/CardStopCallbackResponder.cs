using DingGate.DingTalk.Cluster;
using DingGate.DingTalk.Stream;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// Answers card button callbacks of one account: a stop click by the user who asked cancels that card's reply through
/// <see cref="ActiveCardRegistry"/> (the reply then finalizes the card with its "stopped" note). Runs on the socket
/// reader, so it only parses and flips a token. The answer is always <c>{}</c> ("no change"): the card is updated by the
/// reply itself, through the card API. In a clustered replica (<paramref name="remote"/> set), a stop click on a card that
/// does not stream here is handed to <see cref="RemoteCardStops"/> (queued only), which asks the replica streaming it.
/// </summary>
internal sealed partial class CardStopCallbackResponder(
    string accountId, ActiveCardRegistry cards, ILogger<CardStopCallbackResponder> logger, RemoteCardStops? remote = null)
    : ICardCallbackResponder
{
    private const string NoChange = "{}";

    public string Respond(string data)
    {
        var click = CardCallbackClick.TryParse(data);
        if (click is null)
        {
            LogUnreadable(logger, accountId);
            return NoChange;
        }

        if (!click.IsStop)
        {
            LogNotStop(logger, accountId, click.Type, click.OutTrackId, click.ActionIds);
            return NoChange;
        }

        if (click.OutTrackId is not { Length: > 0 } outTrackId)
        {
            LogNoCard(logger, accountId, click.UserId);
            return NoChange;
        }

        switch (cards.TryStop(outTrackId, click.UserId))
        {
            case CardStopResult.Stopped:
                LogStopped(logger, accountId, outTrackId, click.UserId);
                break;
            case CardStopResult.NotOwner:
                LogNotOwner(logger, accountId, outTrackId, click.UserId);
                break;
            default:
                LogUnknownCard(logger, accountId, outTrackId, click.UserId);
                remote?.HandOff(accountId, outTrackId, click.UserId);
                break;
        }

        return NoChange;
    }
}
