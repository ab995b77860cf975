using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Stream.Frames;

namespace DingGate.DingTalk.Stream.Registration;

/// <summary>
/// <see cref="IStreamRegistrar"/> over a plain <see cref="HttpClient"/> (spec §1.2). No token needed. 401 → bad
/// credentials (fatal); any other non-200, an empty endpoint/ticket or a network error → retryable.
/// TODO(issue 3): route through DingTalkApiClient once it exists, keeping this classification.
/// </summary>
internal sealed class HttpStreamRegistrar(HttpClient http) : IStreamRegistrar
{
    public const string Path = "v1.0/gateway/connections/open";

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
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WithSlash(account.ApiBaseUrl), Path))
        {
            Content = JsonContent.Create(body, StreamJsonContext.Default.StreamRegistrationRequest),
        };
        // Without it the gateway answers XML (spec §1.2).
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new StreamConnectionException(StreamFailureKind.Transient, $"Stream registration for {account.ClientId} failed: {ex.Message}", inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StreamConnectionException(StreamFailureKind.Transient, $"Stream registration for {account.ClientId} timed out.", inner: ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Failure(account, (int)response.StatusCode, TryRead(text, StreamJsonContext.Default.StreamApiError));
            }

            var reply = TryRead(text, StreamJsonContext.Default.StreamRegistrationResponse);
            if (string.IsNullOrEmpty(reply?.Endpoint) || string.IsNullOrEmpty(reply.Ticket) ||
                !Uri.TryCreate(reply.Endpoint, UriKind.Absolute, out var endpoint))
            {
                throw new StreamConnectionException(
                    StreamFailureKind.Transient, $"Stream registration for {account.ClientId} returned no usable endpoint/ticket.", 200);
            }

            return new StreamRegistration(endpoint, reply.Ticket);
        }
    }

    private static StreamConnectionException Failure(DingTalkAccount account, int status, StreamApiError? error)
    {
        var detail = error?.Code is { } code ? $"{code}: {error.Message}" : $"HTTP {status}";
        if (status == (int)HttpStatusCode.Unauthorized)
        {
            return new StreamConnectionException(
                StreamFailureKind.BadCredentials,
                $"Bad credentials: DingTalk rejected client id '{account.ClientId}' and its client secret ({detail}). " +
                "Check clientId/clientSecret of this account.",
                status, error?.Code);
        }

        var kind = status is >= 400 and < 500 ? StreamFailureKind.Rejected : StreamFailureKind.Transient;
        return new StreamConnectionException(kind, $"Stream registration for {account.ClientId} failed with HTTP {status} ({detail}).", status, error?.Code);
    }

    private static T? TryRead<T>(string text, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Uri WithSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    private static string Version()
    {
        var info = typeof(HttpStreamRegistrar).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return info is null ? "0.0.0" : info.Split('+')[0];
    }
}
