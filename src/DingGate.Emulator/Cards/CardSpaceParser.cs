using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;

namespace DingGate.Emulator.Cards;

/// <summary>
/// Validates the delivery part of a request (spec §6.1, §8.9): <c>openSpaceId</c> and the deliver/space models. Group
/// spaces need <c>imGroupOpenDeliverModel.robotCode</c>, which must be the calling app's robot.
/// </summary>
internal static class CardSpaceParser
{
    public static CardError? Parse(JsonObject body, EmulatedApp app, CardSwitches switches, out IReadOnlyList<OpenSpace> spaces)
    {
        spaces = [];
        var openSpaceId = body.GetString("openSpaceId");
        if (string.IsNullOrWhiteSpace(openSpaceId))
        {
            return new CardError("param.openSpaceIdEmpty", "openSpaceId不能为空");
        }

        if (OpenSpaceIdParser.Parse(openSpaceId) is not { } parsed)
        {
            return new CardError("param.openSpaceIdInvalid", $"openSpaceId格式错误: {openSpaceId}");
        }

        if (parsed.Any(s => s.SpaceType == OpenSpace.ImGroup)
            && Check(body, "imGroupOpenDeliverModel", "imGroupOpenSpaceModel", robotCodeRequired: true, app, switches) is { } groupError)
        {
            return groupError;
        }

        if (parsed.Any(s => s.SpaceType == OpenSpace.ImRobot)
            && Check(body, "imRobotOpenDeliverModel", "imRobotOpenSpaceModel", robotCodeRequired: false, app, switches) is { } robotError)
        {
            return robotError;
        }

        spaces = parsed;
        return null;
    }

    private static CardError? Check(JsonObject body, string deliverName, string spaceName, bool robotCodeRequired, EmulatedApp app, CardSwitches switches)
    {
        var spaceModel = body[spaceName];
        if ((spaceModel is not null && spaceModel is not JsonObject) || (switches.RequireSpaceModels && spaceModel is null))
        {
            return new CardError("param.openSpaceModelInvalid", $"{spaceName}不合法");
        }

        var deliver = body[deliverName];
        if (deliver is not null && deliver is not JsonObject)
        {
            return new CardError("param.openDeliverModelError", $"{deliverName}不合法");
        }

        var robotCode = (deliver as JsonObject)?.GetString("robotCode");
        if (string.IsNullOrEmpty(robotCode))
        {
            return robotCodeRequired ? new CardError("param.openDeliverModelEmpty", $"{deliverName}.robotCode不能为空") : null;
        }

        return string.Equals(robotCode, app.RobotCode, StringComparison.Ordinal)
            ? null
            : new CardError("param.openDeliverModelError", $"robotCode {robotCode} 与当前应用不匹配");
    }
}
