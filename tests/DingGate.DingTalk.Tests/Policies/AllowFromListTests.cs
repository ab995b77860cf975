using DingGate.Core.Inbound;
using DingGate.DingTalk.Policies;

namespace DingGate.DingTalk.Tests.Policies;

public sealed class AllowFromListTests
{
    private static readonly InboundSender Staff = new("$:LWCP_v1:$abc", "user001", "张三", null, false);
    private static readonly InboundSender External = new("$:LWCP_v1:$ext", null, "Ext", null, false);

    [Theory]
    [InlineData("user001", "user001")]
    [InlineData("  user001  ", "user001")]
    [InlineData("dingtalk:user001", "user001")]
    [InlineData("DingTalk:user001", "user001")]
    [InlineData("DD: user001", "user001")]
    [InlineData("ding:user001", "user001")]
    [InlineData("dd:dd:user001", "dd:user001")]
    [InlineData("telegram:user001", "telegram:user001")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_Entry_TrimsAndStripsOnePrefix(string? entry, string expected) => Assert.Equal(expected, AllowFromList.Normalize(entry));

    [Theory]
    [InlineData(new[] { "user001" }, true)]
    [InlineData(new[] { "USER001" }, true)]
    [InlineData(new[] { " dingtalk:User001 " }, true)]
    [InlineData(new[] { "dd:user001" }, true)]
    [InlineData(new[] { "ding:user001" }, true)]
    [InlineData(new[] { "*" }, true)]
    [InlineData(new[] { "dd:*" }, true)]
    [InlineData(new[] { "$:LWCP_v1:$abc" }, true)]
    [InlineData(new[] { "user0011" }, false)]
    [InlineData(new[] { "user002", " " }, false)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "", "  " }, false)]
    public void Allows_StaffSender_MatchesNormalizedEntries(string[] entries, bool expected) => Assert.Equal(expected, new AllowFromList(entries).Allows(Staff));

    [Fact]
    public void Allows_ExternalSender_MatchesBySenderId()
    {
        Assert.True(new AllowFromList(["dingtalk:$:lwcp_v1:$EXT"]).Allows(External));
        Assert.False(new AllowFromList(["user001"]).Allows(External));
    }

    [Fact]
    public void IsEmpty_BlankEntriesOnly_True()
    {
        var list = new AllowFromList([" ", "dd:"]);

        Assert.True(list.IsEmpty);
        Assert.False(list.AllowsEveryone);
        Assert.False(list.Allows(Staff));
    }

    [Fact]
    public void Constructor_Null_DeniesEveryone() => Assert.False(new AllowFromList(null).Allows(Staff));
}
