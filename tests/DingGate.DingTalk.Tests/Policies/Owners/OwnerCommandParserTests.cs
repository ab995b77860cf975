using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Policies.Owners;
using DingGate.DingTalk.Replies.Cards;
using DingGate.Core.Storage;

namespace DingGate.DingTalk.Tests.Policies.Owners;

public sealed class OwnerCommandParserTests
{
    [Theory]
    [InlineData("/approve ABCD2345", "Approve", "ABCD2345")]
    [InlineData("  /APPROVE   abcd2345  ", "Approve", "abcd2345")]
    [InlineData("/批准 ABCD2345", "Approve", "ABCD2345")]
    [InlineData("／批准 ABCD2345", "Approve", "ABCD2345")]
    [InlineData("/deny ABCD2345", "Deny", "ABCD2345")]
    [InlineData("/拒绝 ABCD2345", "Deny", "ABCD2345")]
    [InlineData("/allow user003", "Allow", "user003")]
    [InlineData("/revoke user003", "Revoke", "user003")]
    [InlineData("/pending", "Pending", "")]
    [InlineData("/待批准", "Pending", "")]
    [InlineData("/gateway", "Gateway", "")]
    [InlineData("/approve\nABCD2345", "Approve", "ABCD2345")]
    public void Commands_AndAliases_AreRecognized(string text, string kind, string argument)
    {
        var command = OwnerCommandParser.TryParse(text);

        Assert.NotNull(command);
        Assert.Equal((kind, argument), (command.Kind.ToString(), command.Argument));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("approve ABCD2345")]
    [InlineData("/approved ABCD2345")]
    [InlineData("/new")]
    [InlineData("/help")]
    [InlineData("请 /approve ABCD2345")]
    public void OtherText_IsNoOwnerCommand(string text) => Assert.Null(OwnerCommandParser.TryParse(text));

    [Fact]
    public void Owners_AreTrimmedAndPrefixStripped_StarMakesNobodyAnOwner_ComparedIgnoringCase()
    {
        var account = new DingTalkAccount { Id = "a", ClientId = "c", ClientSecret = "s", RobotCode = "c", Owners = [" dingtalk:Manager01 ", "*", ""] };

        Assert.Equal(["Manager01"], OwnerList.Of(account));
        Assert.True(OwnerList.Contains(account, "manager01"));
        Assert.False(OwnerList.Contains(account, "user003"));
        Assert.False(OwnerList.Contains(account, new InboundSender("$:LWCP_v1:$x", null, "外部用户", null, false)));
    }

    [Theory]
    [InlineData("""{"outTrackId":"c","userId":"u","content":"{\"cardPrivateData\":{\"actionIds\":[\"approve\"],\"params\":{}}}"}""", OwnerDecision.Approved)]
    [InlineData("""{"outTrackId":"c","userId":"u","content":"{\"cardPrivateData\":{\"actionIds\":[\"btn_deny\"],\"params\":{}}}"}""", OwnerDecision.Denied)]
    [InlineData("""{"outTrackId":"c","userId":"u","content":"{\"cardPrivateData\":{\"actionIds\":[],\"params\":{\"action\":\"reject\"}}}"}""", OwnerDecision.Denied)]
    [InlineData("""{"outTrackId":"c","userId":"u","content":"{\"cardPrivateData\":{\"actionIds\":[\"stop\"],\"params\":{}}}"}""", null)]
    public void CardClick_ActionReadFromActionIdsOrParams(string payload, OwnerDecision? expected) =>
        Assert.Equal(expected, OwnerCardVariables.ActionOf(CardCallbackClick.TryParse(payload)!));
}
