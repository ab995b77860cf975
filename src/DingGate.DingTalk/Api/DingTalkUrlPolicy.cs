using DingGate.Core.Configuration;

namespace DingGate.DingTalk.Api;

/// <summary>
/// Which absolute URLs the client may call. Session webhooks: the configured api/oapi hosts or <c>*.dingtalk.com</c>.
/// Download URLs: those plus <c>*.aliyuncs.com</c> (DingTalk's OSS). Everything else — other hosts, IP literals
/// (link-local metadata, private ranges), other schemes — is refused, so a forged URL cannot make the gateway fetch
/// from the internal network.
/// </summary>
internal sealed class DingTalkUrlPolicy(DingTalkAccount account)
{
    private static readonly string[] WebhookDomains = ["dingtalk.com"];
    private static readonly string[] DownloadDomains = ["dingtalk.com", "aliyuncs.com"];

    public bool IsAllowedWebhook(Uri url) => IsAllowed(url, WebhookDomains);

    public bool IsAllowedDownload(Uri url) => IsAllowed(url, DownloadDomains);

    public void EnsureWebhook(Uri url)
    {
        if (!IsAllowedWebhook(url))
        {
            throw new DingTalkUrlRejectedException(
                $"Refusing to POST to session webhook host '{url.Host}': only *.dingtalk.com or the configured api/oapi hosts are allowed.");
        }
    }

    public void EnsureDownload(Uri url)
    {
        if (!IsAllowedDownload(url))
        {
            throw new DingTalkUrlRejectedException(
                $"Refusing to download from host '{url.Host}': only *.dingtalk.com, *.aliyuncs.com or the configured api/oapi hosts are allowed.");
        }
    }

    private bool IsAllowed(Uri url, string[] domains)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        // The configured hosts (the emulator in tests) match exactly, port included.
        if (SameAuthority(url, account.ApiBaseUrl) || SameAuthority(url, account.OapiBaseUrl))
        {
            return true;
        }

        if (url.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        var host = url.IdnHost.TrimEnd('.');
        return domains.Any(d => host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
    }

    private static bool SameAuthority(Uri url, Uri configured) =>
        string.Equals(url.IdnHost, configured.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == configured.Port
        && url.Scheme == configured.Scheme;
}
