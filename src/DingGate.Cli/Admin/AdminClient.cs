using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DingGate.Cli.Admin;

/// <summary>
/// Talks to the admin endpoint of the gateway running on a state directory (found through <c>admin.json</c>, authorised
/// by <c>admin.token</c>). Every call returns null when no gateway answers there, and throws
/// <see cref="AdminTrustException"/>, before any connection, when those files cannot be trusted
/// (<see cref="AdminEndpointTrust"/>). Use an <see cref="AdminHttp"/> client.
/// </summary>
internal sealed class AdminClient(string stateDirectory, HttpClient http)
{
    public async Task<AdminStatus?> StatusAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/status", null, cancellationToken);
        return response is { IsSuccessStatusCode: true }
            ? await response.Content.ReadFromJsonAsync(AdminJson.Default.AdminStatus, cancellationToken)
            : null;
    }

    /// <summary>Approves a pairing code in the running gateway (which tells the user); null: no gateway answered.</summary>
    public async Task<AdminPairingResult?> ApprovePairingAsync(string accountId, string code, CancellationToken cancellationToken)
    {
        using var body = JsonContent.Create(new AdminPairingApproval(accountId, code), AdminJson.Default.AdminPairingApproval);
        using var response = await SendAsync(HttpMethod.Post, "/pairing/approve", body, cancellationToken);
        return response is null ? null : await response.Content.ReadFromJsonAsync(AdminJson.Default.AdminPairingResult, cancellationToken);
    }

    private async Task<HttpResponseMessage?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        if (AdminEndpointTrust.Resolve(stateDirectory) is not { } endpoint)
        {
            return null;
        }

        using var request = new HttpRequestMessage(method, new Uri(endpoint.Url, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null; // a stale admin.json: the gateway that wrote it is gone
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
