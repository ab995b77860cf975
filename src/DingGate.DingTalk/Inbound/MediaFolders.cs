using System.Security.Cryptography;
using System.Text;
using DingGate.DingTalk.Api;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Where downloaded media lives: <c>&lt;stateDir&gt;/media/&lt;account&gt;/&lt;hash of msgId&gt;/</c>, one folder per
/// message (message ids are base64 and may hold '/' or '+', so a hash names the folder).
/// </summary>
internal static class MediaFolders
{
    public static string Root(string stateDirectory) => Path.Combine(stateDirectory, "media");

    public static string Account(string mediaRoot, string accountId) => Path.Combine(mediaRoot, SafeFileName.Clean(accountId));

    public static string Message(string mediaRoot, string accountId, string messageId) => Path.Combine(Account(mediaRoot, accountId), FolderName(messageId));

    public static string FolderName(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..24];
}
