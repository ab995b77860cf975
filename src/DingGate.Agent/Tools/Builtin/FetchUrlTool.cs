using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools.Builtin;

// fetch_url: an HTTP GET behind the SSRF guard (GuardedHttp); HTML comes back as text, other text types as they are,
// binary content is not shown. The result is cut at tools.fetchUrl.maxChars and says so.
internal sealed class FetchUrlTool(GuardedHttp http) : IBuiltinTool
{
    public const string ToolName = "fetch_url";

    public string Name => ToolName;

    public string Description =>
        "Fetch a public web page or text resource by http(s) URL and return its text (HTML reduced to text). " +
        "Private, loopback and cloud metadata addresses are refused.";

    public AIFunction Create(ToolTurnContext turn) =>
        AIFunctionFactory.Create(
            ([Description("The http or https URL to fetch.")] string url, CancellationToken cancellationToken) => FetchAsync(url, cancellationToken),
            new AIFunctionFactoryOptions { Name = ToolName, Description = Description });

    public async Task<string> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri))
        {
            return $"Refused: '{url}' is not an absolute http(s) URL.";
        }

        var options = http.Guard.Options;
        FetchedResponse response;
        try
        {
            response = await http.GetAsync(uri, options.MaxBytes, truncate: true, cancellationToken);
        }
        catch (UrlRefusedException ex)
        {
            return ex.Message;
        }

        var header = $"URL: {response.Url}\nStatus: {(int)response.Status}\nContent-Type: {response.MediaType ?? "(none)"}\n";
        if (!BodyText.IsText(response.MediaType))
        {
            return header + $"\nBinary content ({response.Body.Length.ToString(CultureInfo.InvariantCulture)} bytes{(response.Truncated ? " or more" : string.Empty)}) is not shown; " +
                "send_file can send it to the user.";
        }

        var text = BodyText.Decode(response.Body, response.Charset);
        if (BodyText.IsHtml(response.MediaType))
        {
            text = HtmlText.ToText(text);
        }

        var notes = new List<string>();
        if (response.Truncated)
        {
            notes.Add($"only the first {options.MaxBytes} bytes were read (tools.fetchUrl.maxBytes)");
        }

        if (text.Length > options.MaxChars)
        {
            text = text[..options.MaxChars];
            notes.Add($"cut at {options.MaxChars} characters (tools.fetchUrl.maxChars)");
        }

        var note = notes.Count == 0 ? string.Empty : $"\n\n[Truncated: {string.Join("; ", notes)}.]";
        return header + "\n" + text + note;
    }
}
