using System.Text.Json.Nodes;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Cards;

/// <summary>
/// Delivers a stored card to parsed spaces. A space that cannot receive it (unknown or external user, unknown or
/// disbanded group, bot not in the group, unsupported space type) fails alone: <c>success:false</c> with an
/// <c>errorMsg</c> while the call still answers 200 (spec §6.1). Each delivery is written to the conversation log.
/// </summary>
internal sealed class CardDeliverer(OrgDirectory org, ConversationLog log, IdGenerator ids, EmulatorOptions options)
{
    public JsonArray Deliver(CardInstance card, IReadOnlyList<OpenSpace> spaces, int userIdType)
    {
        var results = new JsonArray();
        foreach (var space in spaces)
        {
            var (conversationId, conversationType, userId, error) = Resolve(card, space, userIdType);
            var carrierId = error is null ? ids.NewBase64Id(30) + "==" : "";
            if (error is null)
            {
                Record(card, space, conversationId!, conversationType!, userId, carrierId);
            }

            results.Add(new JsonObject
            {
                ["spaceType"] = space.SpaceType, ["spaceId"] = space.SpaceId, ["success"] = error is null,
                ["carrierId"] = carrierId, ["errorMsg"] = error ?? "",
            });
        }

        return results;
    }

    private (string? ConversationId, string? Type, string? UserId, string? Error) Resolve(CardInstance card, OpenSpace space, int userIdType)
    {
        switch (space.SpaceType)
        {
            case OpenSpace.ImRobot:
                var user = CardUsers.Find(org, space.SpaceId, userIdType);
                if (user is null)
                {
                    return (null, null, null, $"user not exist: {space.SpaceId}");
                }

                return user.External
                    ? (null, null, null, $"user {space.SpaceId} is not a member of the bot's organization")
                    : (org.SingleChatId(card.RobotCode, user.UserId), "1", user.UserId, null);
            case OpenSpace.ImGroup:
                var group = org.FindGroup(space.SpaceId);
                if (group is null || group.Disbanded)
                {
                    return (null, null, null, $"group not exist: {space.SpaceId}");
                }

                return group.InstalledRobotCodes.Contains(card.RobotCode)
                    ? (group.OpenConversationId, "2", null, null)
                    : (null, null, null, $"robot {card.RobotCode} is not in group {space.SpaceId}");
            default:
                return (null, null, null, $"spaceType {space.SpaceType} is not supported by the emulator");
        }
    }

    private void Record(CardInstance card, OpenSpace space, string conversationId, string conversationType, string? userId, string carrierId)
    {
        JsonObject content;
        lock (card.Gate)
        {
            card.Spaces.Add(new CardSpace(space.SpaceType, space.SpaceId, carrierId, conversationId, options.TimeProvider.GetUtcNow()));
            content = new JsonObject
            {
                ["cardTemplateId"] = card.Template.TemplateId, ["outTrackId"] = card.OutTrackId, ["cardParamMap"] = CardParamMaps.ToJson(card.PublicData),
            };
        }

        log.Add(conversationId, conversationType, card.RobotCode, fromBot: true, "card", "card", content, userId, carrierId, card.OutTrackId);
    }
}
