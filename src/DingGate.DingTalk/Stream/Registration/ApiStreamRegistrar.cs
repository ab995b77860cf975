using System.Net;
using System.Reflection;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Stream.Frames;

namespace DingGate.DingTalk.Stream.Registration;

/// <summary>
/// <see cref="IStreamRegistrar"/> through the account's <see cref="DingTalkApiClient"/> send core (spec §1.2): no token,
/// <c>Accept: application/json</c>. 401 → bad credentials (fatal); any other failure, an empty endpoint/ticket or a
/// network error → retryable (4xx marked Rejected).
/// </summary>
internal sealed class ApiStreamRegistrar(DingTalkApiClient api) : IStreamRegistrar
{
    public const string Path = "/v1.0/gateway/connections/open";

    private static readonly IReadOnlyList<StreamSubscriptionDto> Subscriptions =
    [
        new(StreamHeaders.TypeEvent, StreamHeaders.AllEventsTopic),
        new(StreamHeaders.TypeCallback, StreamHeaders.BotMessageTopic),
        new(StreamHeaders.TypeCallback, StreamHeaders.CardCallbackTopic),
    ];

    public static string UserAgent { get; } = "dinggate/" + Version();

    public async Task<StreamRegistration> OpenAsync(DingTalkAccount account, CancellationToken cancellationToken)
    {
        var body = new StreamRegistrationRequest
        {
            ClientId = account.ClientId, ClientSecret = account.ClientSecret, Subscriptions = Subscriptions, Ua = UserAgent,
            LocalIp = LocalAddress.Find(),
        };
        var request = new ApiRequest(DingTalkHost.Api, HttpMethod.Post, Path, body, ApiAuth.None)
        {
            BodyType = StreamJsonContext.Wire.StreamRegistrationRequest,
        };

        StreamRegistrationResponse reply;
        try
        {
            reply = await api.SendAsync(request, StreamJsonContext.Default.StreamRegistrationResponse, cancellationToken);
        }
        catch (DingTalkApiException ex) when (ex.HttpStatus > 0)
        {
            throw Failure(account, ex);
        }
        catch (Exception ex) when (ex is DingTalkApiException or HttpRequestException or System.Text.Json.JsonException ||
                                   (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new StreamConnectionException(StreamFailureKind.Transient, $"Stream registration for {account.ClientId} failed: {ex.Message}", inner: ex);
        }

        if (string.IsNullOrEmpty(reply.Endpoint) || string.IsNullOrEmpty(reply.Ticket) ||
            !Uri.TryCreate(reply.Endpoint, UriKind.Absolute, out var endpoint))
        {
            throw new StreamConnectionException(
                StreamFailureKind.Transient, $"Stream registration for {account.ClientId} returned no usable endpoint/ticket.", 200);
        }

        return new StreamRegistration(endpoint, reply.Ticket);
    }

    private static StreamConnectionException Failure(DingTalkAccount account, DingTalkApiException error)
    {
        var status = error.HttpStatus;
        var detail = error.Code is { } code ? $"{code}: {error.ErrorMessage}" : $"HTTP {status}";
        if (status == (int)HttpStatusCode.Unauthorized)
        {
            return new StreamConnectionException(
                StreamFailureKind.BadCredentials,
                $"Bad credentials: DingTalk rejected client id '{account.ClientId}' and its client secret ({detail}). " +
                "Check clientId/clientSecret of this account.",
                status, error.Code, error);
        }

        var kind = status is >= 400 and < 500 ? StreamFailureKind.Rejected : StreamFailureKind.Transient;
        return new StreamConnectionException(kind, $"Stream registration for {account.ClientId} failed with HTTP {status} ({detail}).", status, error.Code, error);
    }

    private static string Version()
    {
        var info = typeof(ApiStreamRegistrar).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return info is null ? "0.0.0" : info.Split('+')[0];
    }
}
