namespace DingGate.Core.Texts;

/// <summary>The offline demo model's answer (the sandbox without a configured model): a labelled echo of what it was given.</summary>
public static class DemoTexts
{
    /// <summary>The heading of every demo answer.</summary>
    public static readonly BotText Label = new("🤖 演示模型（离线）", "🤖 Demo model (offline)");

    /// <summary>Below the heading.</summary>
    public static readonly BotText Intro = new("这是离线演示回复，没有调用任何大模型。", "This is an offline demo reply: no AI model was called.");

    /// <summary>Above the user's words.</summary>
    public static readonly BotText YouSaid = new("**收到的消息：**", "**You said:**");

    /// <summary>A message without text.</summary>
    public static readonly BotText Empty = new("（空）", "(empty)");

    /// <summary>{0}: the sender.</summary>
    public static readonly BotText Sender = new("- **发送者：** {0}", "- **Sender:** {0}");

    /// <summary>{0}: the session key.</summary>
    public static readonly BotText Session = new("- **会话：** `{0}`", "- **Session:** `{0}`");

    /// <summary>{0}: the number of earlier messages.</summary>
    public static readonly BotText History = new("- **历史消息：** {0}", "- **History:** {0}");

    /// <summary>{0}: the number of images.</summary>
    public static readonly BotText Images = new("- **图片：** {0}", "- **Images:** {0}");

    /// <summary>{0}: the first line of the quoted message.</summary>
    public static readonly BotText Quote = new("- **引用：** {0}", "- **Quote:** {0}");

    /// <summary>{0}: the number of attachments.</summary>
    public static readonly BotText Attachments = new("- **附件：** {0}", "- **Attachments:** {0}");

    /// <summary>An attachment without text.</summary>
    public static readonly BotText NoText = new("（无文本）", "(no text)");

    /// <summary>The closing line.</summary>
    public static readonly BotText Configure = new("在 `models.default` 中配置模型即可获得真正的回答。", "Configure `models.default` to get real answers.");
}
