using System.Globalization;

namespace DingGate.Core.Texts;

/// <summary>
/// One text the bot sends to DingTalk users, in every <see cref="BotLocale"/>. The catalogue is the static classes of
/// <c>Core/Texts</c> (one per feature); a format text takes <see cref="string.Format(IFormatProvider, string, object[])"/>
/// placeholders, the same in both languages.
/// </summary>
public sealed record BotText(string ZhCn, string En)
{
    /// <summary>The text in <paramref name="locale"/>.</summary>
    public string For(BotLocale locale) => locale == BotLocale.En ? En : ZhCn;

    /// <summary>The text in <paramref name="locale"/> with <paramref name="args"/> filled in.</summary>
    public string Format(BotLocale locale, params object?[] args) => string.Format(CultureInfo.InvariantCulture, For(locale), args);
}
