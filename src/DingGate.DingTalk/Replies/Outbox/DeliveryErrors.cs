using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Replies.Sending;

namespace DingGate.DingTalk.Replies.Outbox;

/// <summary>
/// Sorts a failed send into <see cref="DeliveryErrorClass"/>. Throttling is read with <see cref="ApiThrottleCodes"/>
/// (the same reading the API client uses); the rest by HTTP status and transport error. Returns null for exceptions
/// that are not send failures (our own cancellation, programming errors): those propagate.
/// </summary>
internal static class DeliveryErrors
{
    public static DeliveryFailure? Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        // HttpClient.Timeout: the request was sent (or being sent) and no answer came.
        OperationCanceledException or TimeoutException => new(DeliveryErrorClass.Ambiguous, "the call timed out; DingTalk may have received it"),
        MessageSendException { InnerException: RecipientRefusedException refused } => new(
            refused.Outcome == RecipientOutcome.FlowControlled ? DeliveryErrorClass.NotDelivered : DeliveryErrorClass.Permanent, refused.Message),
        MessageSendException { InnerException: DingTalkApiException api } => FromApi(api),
        MessageSendException send => new(DeliveryErrorClass.Permanent, send.Message),
        DingTalkApiException api => FromApi(api),
        HttpRequestException http => FromTransport(http, http.Message),
        _ => null,
    };

    private static DeliveryFailure FromApi(DingTalkApiException api)
    {
        var reason = api.Message;
        if (api is QuotaExhaustedException)
        {
            // Refused here, before the wire (the month's budget is used up): waits in the outbox; after
            // outboxMaxAttempts it ends failed with this reason (visible in 'outbox list' and 'gateway status').
            return new(DeliveryErrorClass.NotDelivered, reason);
        }

        if (api is DingTalkCredentialsException)
        {
            return new(DeliveryErrorClass.NotDelivered, reason);
        }

        if (api.HttpStatus == 0)
        {
            return api.InnerException is HttpRequestException http ? FromTransport(http, reason) : new(DeliveryErrorClass.Permanent, reason);
        }

        switch (ApiThrottleCodes.Classify(api.HttpStatus, api.Code))
        {
            case ApiThrottle.Quota:
                return new(DeliveryErrorClass.Permanent, reason);
            case ApiThrottle.PerSecond or ApiThrottle.PerMinute or ApiThrottle.Suspended:
                return new(DeliveryErrorClass.NotDelivered, reason);
        }

        return api.HttpStatus switch
        {
            401 or 503 or 429 => new(DeliveryErrorClass.NotDelivered, reason),
            >= 500 => new(DeliveryErrorClass.Ambiguous, reason),
            _ => new(DeliveryErrorClass.Permanent, reason),
        };
    }

    // Refused or unresolved connections never carried the request; a connection lost later may have.
    private static DeliveryFailure FromTransport(HttpRequestException http, string reason) => http.HttpRequestError switch
    {
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError
            or HttpRequestError.SecureConnectionError => new(DeliveryErrorClass.NotDelivered, reason),
        _ => new(DeliveryErrorClass.Ambiguous, reason),
    };
}
