namespace DingGate.Emulator.Cards;

/// <summary>One <c>TYPE.id</c> element of an <c>openSpaceId</c>; the type is upper-cased.</summary>
internal sealed record OpenSpace(string SpaceType, string SpaceId)
{
    public const string ImGroup = "IM_GROUP";
    public const string ImRobot = "IM_ROBOT";
    public const string ImSingle = "IM_SINGLE";
    public const string OneBox = "ONE_BOX";
}
