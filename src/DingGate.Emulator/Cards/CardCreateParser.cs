using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;

namespace DingGate.Emulator.Cards;

/// <summary>
/// Validates the create part of <c>createAndDeliver</c> / <c>POST /v1.0/card/instances</c> (spec §6.1) and builds the
/// card (not yet stored). Checks run in the order the brief and §8.9 list them.
/// </summary>
internal sealed class CardCreateParser(CardStore store, CardTemplateRegistry templates, OrgDirectory org, EmulatorOptions options)
{
    public CardError? Parse(JsonObject body, EmulatedApp app, out CardInstance? card)
    {
        card = null;
        var outTrackId = body.GetString("outTrackId");
        if (string.IsNullOrWhiteSpace(outTrackId))
        {
            return CardError.OutTrackIdEmpty();
        }

        if (store.Exists(outTrackId))
        {
            return new CardError("param.cardAlreadyExist", $"卡片已存在: {outTrackId}");
        }

        var templateId = body.GetString("cardTemplateId");
        if (string.IsNullOrWhiteSpace(templateId))
        {
            return new CardError("param.cardTemplateIdEmpty", "cardTemplateId不能为空");
        }

        if (templates.Find(templateId) is not { } template)
        {
            return new CardError("param.templateNotExist", $"模板不存在: {templateId}");
        }

        Dictionary<string, Dictionary<string, string>>? privateData = null;
        var error = CardParamMaps.Read(body["cardData"], "cardData", out var publicData);
        error ??= CardParamMaps.ReadPrivate(body["privateData"], out privateData);
        if (error is not null)
        {
            return error;
        }

        if (publicData is null)
        {
            return new CardError("param.cardPublicDataEmpty", "cardData.cardParamMap不能为空");
        }

        if (ReadUserIdType(body, out var userIdType) is { } typeError)
        {
            return typeError;
        }

        var unknownUser = privateData?.Keys.FirstOrDefault(u => CardUsers.Find(org, u, userIdType) is null);
        if (unknownUser is not null)
        {
            return CardError.UserIdNotExist(unknownUser);
        }

        card = new CardInstance
        {
            OutTrackId = outTrackId, Template = template, OwnerClientId = app.ClientId, RobotCode = app.RobotCode, CorpId = app.CorpId,
            CallbackType = body.GetString("callbackType"), UserIdType = userIdType, CreatedAt = options.TimeProvider.GetUtcNow(),
        };
        card.ApplyData(publicData, publicByKey: false, privateData, privateByKey: false);
        card.History.Add(new CardUpdate(1, card.CreatedAt, "create", Data: new JsonObject
        {
            ["cardData"] = body["cardData"]?.DeepClone(), ["privateData"] = body["privateData"]?.DeepClone(),
        }, State: card.State));
        return null;
    }

    /// <summary>userIdType 1 (userId, default) or 2 (unionId); numbers and numeric strings accepted.</summary>
    public static CardError? ReadUserIdType(JsonObject body, out int userIdType)
    {
        userIdType = 1;
        if (body["userIdType"] is not JsonValue value)
        {
            return null;
        }

        if ((value.TryGetValue<int>(out var n) || (value.TryGetValue<string>(out var s) && int.TryParse(s, out n))) && n is 1 or 2)
        {
            userIdType = n;
            return null;
        }

        return CardError.Invalid("'userIdType' must be 1 (userId) or 2 (unionId)");
    }
}
