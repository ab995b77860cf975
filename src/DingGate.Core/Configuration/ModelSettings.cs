namespace DingGate.Core.Configuration;

/// <summary><c>models.&lt;name&gt;</c>: one model endpoint.</summary>
public sealed class ModelSettings
{
    /// <summary><c>openai</c> (any OpenAI-compatible server: OpenAI, Qwen/DashScope compatible mode, DeepSeek, Ollama /v1, vLLM), <c>anthropic</c> or <c>demo</c> (offline).</summary>
    public string? Provider { get; set; }

    /// <summary>Base URL (e.g. https://dashscope.aliyuncs.com/compatible-mode/v1); provider default when null.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Model id (e.g. qwen-plus).</summary>
    public string? Model { get; set; }

    /// <summary>API key (usually <c>${ENV}</c>); never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Whether the model accepts images (default: true for openai/anthropic, false for demo).</summary>
    public bool? SupportsImages { get; set; }

    /// <summary>Most output tokens per answer.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Sampling temperature.</summary>
    public double? Temperature { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"ModelSettings {{ Provider = {Provider}, BaseUrl = {BaseUrl}, Model = {Model}, ApiKey = {(ApiKey is null ? "null" : "***")} }}";
}
