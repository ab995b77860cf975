namespace DingGate.DingTalk.Replies.Cards;

/// <summary>The numeric <c>flowStatus</c> template variable of AI cards (spec §6.4), as the strings DingTalk wants.</summary>
internal static class CardFlowStatus
{
    public const string Key = "flowStatus";
    public const string Processing = "1";
    public const string Inputing = "2";
    public const string Finished = "3";
    public const string Failed = "5";
}
