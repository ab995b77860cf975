using System.ClientModel;
using Anthropic;
using Anthropic.Core;
using DingGate.Agent.Demo;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;

namespace DingGate.Agent.Providers;

/// <summary>
/// Turns one <c>models.&lt;name&gt;</c> entry into an <see cref="IChatClient"/>: the official OpenAI client on the
/// configured endpoint (any OpenAI-compatible server), the official Anthropic client, or the offline demo model. Each
/// is wrapped in M.E.AI's logging client (message bodies only at Trace) and gets the model's default options.
/// </summary>
internal sealed partial class ChatClientFactory(TimeProvider timeProvider, ILoggerFactory? loggerFactory = null, DemoChatOptions? demoOptions = null)
{
    /// <summary>Meter and activity source of the model calls (OpenTelemetry gen_ai semantic conventions).</summary>
    public const string TelemetrySourceName = "DingGate.Agent";

    // Local servers (Ollama, vLLM) take no key, but the OpenAI client needs a non-empty credential.
    internal const string PlaceholderApiKey = "no-key";

    internal const int DefaultAnthropicMaxOutputTokens = 4096;

    internal static readonly TimeSpan OpenAiNetworkTimeout = TimeSpan.FromMinutes(5);

    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ChatClientFactory>();

    /// <summary>Creates the client for <paramref name="settings"/>; <paramref name="name"/> only names it in errors.</summary>
    public IChatClient Create(ModelSettings settings, string name = "default")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var provider = (settings.Provider ?? string.Empty).Trim().ToLowerInvariant();
        var inner = provider switch
        {
            ModelProviders.OpenAi => CreateOpenAi(settings, name),
            ModelProviders.Anthropic => CreateAnthropic(settings, name),
            ModelProviders.Demo => new DemoChatClient(timeProvider, demoOptions ?? new DemoChatOptions()),
            _ => throw new ModelConfigurationException(
                $"models.{name}.provider: '{settings.Provider}' is not a known provider; allowed: openai, anthropic, demo."),
        };
        LogCreated(_logger, name, provider, settings.Model, settings.BaseUrl);
        return new ChatClientBuilder(inner)
            .UseLogging(_loggerFactory)
            .UseOpenTelemetry(_loggerFactory, TelemetrySourceName) // gen_ai.* metrics and spans, message bodies never recorded
            .ConfigureOptions(options =>
            {
                options.Temperature ??= (float?)settings.Temperature;
                options.MaxOutputTokens ??= settings.MaxOutputTokens;
            })
            .Build();
    }

    private static IChatClient CreateOpenAi(ModelSettings settings, string name)
    {
        var model = RequireModel(settings, name);
        var key = string.IsNullOrWhiteSpace(settings.ApiKey) ? PlaceholderApiKey : settings.ApiKey;
        // Local servers may take minutes to load a model before the first byte; the per-read default (100 s) is too short.
        var options = new OpenAIClientOptions { NetworkTimeout = OpenAiNetworkTimeout };
        if (settings.BaseUrl is not null)
        {
            options.Endpoint = settings.BaseUrl;
        }

        return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(model).AsIChatClient();
    }

    private static IChatClient CreateAnthropic(ModelSettings settings, string name)
    {
        var model = RequireModel(settings, name);
        var options = new ClientOptions { ApiKey = string.IsNullOrWhiteSpace(settings.ApiKey) ? null : settings.ApiKey };
        if (settings.BaseUrl is not null)
        {
            // The SDK appends /v1/messages itself; accept a base URL written with /v1 like the OpenAI ones.
            var baseUrl = settings.BaseUrl.ToString().TrimEnd('/');
            options.BaseUrl = baseUrl.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? baseUrl[..^3] : baseUrl;
        }

        var client = new AnthropicClient(options);
        return client.AsIChatClient(model, settings.MaxOutputTokens ?? DefaultAnthropicMaxOutputTokens);
    }

    private static string RequireModel(ModelSettings settings, string name) =>
        string.IsNullOrWhiteSpace(settings.Model)
            ? throw new ModelConfigurationException($"models.{name}.model: missing; provider '{settings.Provider}' needs a model id (e.g. qwen-plus, gpt-4o-mini, claude-sonnet-4-5).")
            : settings.Model;
}
