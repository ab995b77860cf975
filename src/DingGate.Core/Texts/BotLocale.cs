namespace DingGate.Core.Texts;

/// <summary>The language of the texts the bot sends to DingTalk users (<c>channels.dingtalk.locale</c>).</summary>
public enum BotLocale
{
    /// <summary><c>zh-CN</c>, the default: DingTalk's users are mostly Chinese-speaking companies.</summary>
    ZhCn,

    /// <summary><c>en</c>.</summary>
    En,
}
