namespace DingGate.Agent.Providers;

// The values of models.<name>.provider.
internal static class ModelProviders
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";
    public const string Demo = "demo";
}
