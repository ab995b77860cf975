using DingGate.DingTalk.Cluster;

namespace DingGate.DingTalk.Tests.Cluster;

public sealed class CardStopScopeTests
{
    [Theory]
    [InlineData("card_0123abcd", "user001")]
    [InlineData("card_0123abcd", "$:LWCP_v1:$abc")] // a user id may hold ':'
    public void Format_ThenParse_GivesTheCardAndTheUserBack(string outTrackId, string userId)
    {
        var scope = CardStopScope.Format(outTrackId, userId);

        Assert.True(CardStopScope.TryParse(scope, out var card, out var user));
        Assert.Equal("card:" + outTrackId + ":" + userId, scope);
        Assert.Equal(outTrackId, card);
        Assert.Equal(userId, user);
    }

    [Theory]
    [InlineData("card:with:colon", "user001")]
    [InlineData("card_1", "")]
    [InlineData("card_1", null)]
    [InlineData("", "user001")]
    [InlineData("card\u001f1", "user001")]
    [InlineData("card_1", "user\u001f001")]
    public void Format_RefusesWhatCannotBeCarried(string outTrackId, string? userId) =>
        Assert.Null(CardStopScope.Format(outTrackId, userId));

    [Theory]
    [InlineData("dm:user001")]
    [InlineData("group:cid:user001")]
    [InlineData("card:")]
    [InlineData("card::user001")]
    [InlineData("card:card_1:")]
    [InlineData(null)]
    public void TryParse_OtherScopes_False(string? scope) =>
        Assert.False(CardStopScope.TryParse(scope, out _, out _));
}
