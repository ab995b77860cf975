using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Providers;

internal sealed partial class ChatClientFactory
{
    [LoggerMessage(EventId = 5041, Level = LogLevel.Information, Message = "Model {Name}: provider {Provider}, model {Model}, base URL {BaseUrl}")]
    private static partial void LogCreated(ILogger logger, string name, string provider, string? model, Uri? baseUrl);
}
