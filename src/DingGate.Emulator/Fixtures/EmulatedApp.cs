namespace DingGate.Emulator.Fixtures;

/// <summary>Run-time state of one registered app: identity from <see cref="EmulatedAppOptions"/> plus derived ids.</summary>
internal sealed class EmulatedApp
{
    public EmulatedApp(EmulatedAppOptions options, string appId, string chatbotUserId)
    {
        ClientId = options.ClientId;
        ClientSecret = options.ClientSecret;
        Name = options.Name;
        RobotCode = string.IsNullOrEmpty(options.RobotCode) ? options.ClientId : options.RobotCode;
        CorpId = options.CorpId;
        Published = options.Published;
        StreamMode = options.StreamMode;
        Permissions = new HashSet<string>(options.Permissions, StringComparer.Ordinal);
        AppId = appId;
        ChatbotUserId = chatbotUserId;
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    public string Name { get; }

    public string RobotCode { get; }

    public string CorpId { get; }

    /// <summary>Unified app id (UUID) carried in CALLBACK/EVENT frame headers; not the client id.</summary>
    public string AppId { get; }

    /// <summary>Encrypted bot id (<c>$:LWCP_v1:$…</c>), equal to the bot's <c>atUsers[].dingtalkId</c>.</summary>
    public string ChatbotUserId { get; }

    public bool Published { get; set; }

    public bool StreamMode { get; set; }

    public HashSet<string> Permissions { get; }
}
