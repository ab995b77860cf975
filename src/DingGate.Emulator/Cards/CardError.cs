namespace DingGate.Emulator.Cards;

/// <summary>A card API error: HTTP status, DingTalk code and message, rendered with the api-host envelope.</summary>
internal sealed record CardError(string Code, string Message, int Status = 400)
{
    public static CardError OutTrackIdEmpty() => new("param.outTrackIdEmpty", "outTrackId不能为空");

    public static CardError CardNotExist() => new("param.cardNotExist", "卡片不存在");

    public static CardError Invalid(string detail) => new("param.invalid", "参数错误: " + detail);

    public static CardError UserIdNotExist(string userId) => new("param.userIdNotExist", $"用户不存在: {userId}");
}
