namespace DingGate.Emulator;

/// <summary>One DingTalk app (internal enterprise app with a bot) known to the emulator.</summary>
public sealed class EmulatedAppOptions
{
    /// <summary>Client ID (legacy AppKey). Also the robotCode unless <see cref="RobotCode"/> is set.</summary>
    public required string ClientId { get; set; }

    /// <summary>Client Secret (legacy AppSecret).</summary>
    public required string ClientSecret { get; set; }

    /// <summary>Display name of the bot.</summary>
    public string Name { get; set; } = "DingGate Bot";

    /// <summary>Robot code; defaults to the client id as for internal-app bots.</summary>
    public string? RobotCode { get; set; }

    /// <summary>Corp the app belongs to.</summary>
    public string CorpId { get; set; } = "dingcorpemulator001";

    /// <summary>False makes stream registration fail as for an unpublished app.</summary>
    public bool Published { get; set; } = true;

    /// <summary>False makes stream registration fail as for a bot that is not in Stream mode.</summary>
    public bool StreamMode { get; set; } = true;

    /// <summary>Granted permissions; an API whose permission is missing answers 403 AccessTokenPermissionDenied.</summary>
    public ISet<string> Permissions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        AppPermissions.RobotSendMessage, AppPermissions.CardInstanceWrite, AppPermissions.CardStreamingWrite,
    };
}
