namespace DingGate.Emulator;

/// <summary>Permission names of the DingTalk developer console that the emulator checks.</summary>
public static class AppPermissions
{
    /// <summary>Robot OpenAPI sends (batchSend, groupMessages/send, recall, file download).</summary>
    public const string RobotSendMessage = "qyapi_robot_sendmsg";

    /// <summary>Card create, deliver and update.</summary>
    public const string CardInstanceWrite = "Card.Instance.Write";

    /// <summary>AI card streaming updates.</summary>
    public const string CardStreamingWrite = "Card.Streaming.Write";
}
