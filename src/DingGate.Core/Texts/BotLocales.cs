using System.Diagnostics.CodeAnalysis;

namespace DingGate.Core.Texts;

/// <summary>The config names of <see cref="BotLocale"/> (<c>zh-CN</c>, <c>en</c>, and their common spellings).</summary>
public static class BotLocales
{
    /// <summary>The names <c>config validate</c> lists.</summary>
    public static readonly IReadOnlyList<string> Names = ["zh-CN", "en"];

    /// <summary>The default locale.</summary>
    public const BotLocale Default = BotLocale.ZhCn;

    /// <summary>Reads a config value: <c>zh-CN</c>, <c>zh</c>, <c>zh-Hans</c>, <c>en</c>, <c>en-US</c>, <c>en-GB</c> (any case).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out BotLocale? locale)
    {
        locale = value?.Trim().ToUpperInvariant() switch
        {
            "ZH-CN" or "ZH" or "ZH-HANS" or "ZH-HANS-CN" or "ZH_CN" => BotLocale.ZhCn,
            "EN" or "EN-US" or "EN-GB" or "EN_US" => BotLocale.En,
            _ => null,
        };
        return locale is not null;
    }

    /// <summary>
    /// The locale of account <paramref name="accountId"/> in <paramref name="config"/> (its own <c>locale</c>, else the
    /// channel's, else <see cref="Default"/>); an unknown account gets the channel's.
    /// </summary>
    public static BotLocale ForAccount(Configuration.DinggateConfig config, string? accountId)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Channels.Dingtalk is not { } channel)
        {
            return Default;
        }

        var own = accountId is not null && channel.Accounts.TryGetValue(accountId, out var account) ? account.Locale : null;
        return TryParse(own ?? channel.Locale, out var locale) ? locale.Value : Default;
    }

    /// <summary>The config name of <paramref name="locale"/>.</summary>
    public static string Name(BotLocale locale) => locale == BotLocale.En ? "en" : "zh-CN";
}
