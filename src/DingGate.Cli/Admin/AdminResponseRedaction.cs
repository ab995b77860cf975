using System.Text;
using DingGate.Core.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Admin;

/// <summary>
/// Every answer of the admin endpoint (<c>/status</c>, <c>/readyz</c>, <c>/healthz</c>, <c>/metrics</c>, pairing, the
/// 401 text) goes through the host's <see cref="SecretRedactor"/> before it leaves: the answers are small, so the body
/// is buffered, redacted as text and written once. A last error or failure reason quoting a secret shows <c>***</c>.
/// </summary>
internal static class AdminResponseRedaction
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var redactor = context.RequestServices.GetRequiredService<SecretRedactor>();
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (buffer.Length == 0)
        {
            return;
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var bytes = Encoding.UTF8.GetBytes(redactor.Redact(text));
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    }
}
