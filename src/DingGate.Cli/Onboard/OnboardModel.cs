using DingGate.Core.Configuration;

namespace DingGate.Cli.Onboard;

/// <summary>The model providers onboard offers, with their defaults.</summary>
internal static class OnboardModel
{
    public static readonly string[] Providers = ["openai", "anthropic", "demo"];

    public static Uri DefaultBaseUrl(string provider) =>
        new(provider == "anthropic" ? "https://api.anthropic.com" : "https://api.openai.com/v1");

    public static string DefaultModel(string provider) => provider switch
    {
        "anthropic" => "claude-sonnet-4-5",
        "openai" => "gpt-4o-mini",
        _ => "demo",
    };

    public static string Describe(ModelSettings model) =>
        model.Provider == "demo" ? "offline demo model" : $"{model.Provider} {model.Model} at {model.BaseUrl}";
}
