using System.Text.Json.Nodes;
using DingGate.Emulator.Cards;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Cards;

/// <summary>Request bodies and calls shared by the card tests.</summary>
internal static class CardApi
{
    public const string Group = "cidDemoGroup0001==";
    public const string CreateAndDeliver = "/v1.0/card/instances/createAndDeliver";
    public const string Streaming = "/v1.0/card/streaming";
    public const string Instances = "/v1.0/card/instances";

    public static JsonObject GroupBody(string outTrackId, string templateId = CardTemplateRegistry.TestTemplateId, JsonObject? paramMap = null) => new()
    {
        ["cardTemplateId"] = templateId,
        ["outTrackId"] = outTrackId,
        ["cardData"] = new JsonObject { ["cardParamMap"] = paramMap ?? new JsonObject { ["content"] = "", ["flowStatus"] = "1" } },
        ["callbackType"] = "STREAM",
        ["openSpaceId"] = "dtv1.card//IM_GROUP." + Group,
        ["imGroupOpenSpaceModel"] = new JsonObject { ["supportForward"] = true },
        ["imGroupOpenDeliverModel"] = new JsonObject { ["robotCode"] = TestEmulator.ClientId },
        ["userIdType"] = 1,
    };

    public static JsonObject RobotBody(string outTrackId, string userId = "user002", string templateId = CardTemplateRegistry.TestTemplateId) => new()
    {
        ["cardTemplateId"] = templateId,
        ["outTrackId"] = outTrackId,
        ["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["content"] = "" } },
        ["callbackType"] = "STREAM",
        ["openSpaceId"] = "dtv1.card//IM_ROBOT." + userId,
        ["imRobotOpenSpaceModel"] = new JsonObject { ["supportForward"] = true },
        ["imRobotOpenDeliverModel"] = new JsonObject { ["spaceType"] = "IM_ROBOT" },
    };

    public static JsonObject Stream(string outTrackId, string guid, string content, string key = "content", bool isFull = true, bool isFinalize = false, bool isError = false) => new()
    {
        ["outTrackId"] = outTrackId, ["guid"] = guid, ["key"] = key, ["content"] = content,
        ["isFull"] = isFull, ["isFinalize"] = isFinalize, ["isError"] = isError,
    };

    /// <summary>Creates a group card and asserts it was delivered.</summary>
    public static async Task CreateGroupCardAsync(TestEmulator emu, string token, string outTrackId, string templateId = CardTemplateRegistry.TestTemplateId)
    {
        var (status, body) = await emu.SendAsync(HttpMethod.Post, CreateAndDeliver, GroupBody(outTrackId, templateId), token);
        Assert.Equal(200, status);
        Assert.True(body!["result"]!["deliverResults"]![0]!["success"]!.GetValue<bool>());
    }

    /// <summary>Asserts the api-host error envelope: status, code, a non-empty requestid and a message.</summary>
    public static void AssertError(int expectedStatus, string expectedCode, int status, JsonNode? body)
    {
        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedCode, body!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["requestid"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
    }

    public static async Task<JsonNode> GetCardAsync(TestEmulator emu, string outTrackId)
    {
        var (status, body) = await emu.SendAsync(HttpMethod.Get, "/_emulator/cards/" + Uri.EscapeDataString(outTrackId));
        Assert.Equal(200, status);
        return body!;
    }
}
