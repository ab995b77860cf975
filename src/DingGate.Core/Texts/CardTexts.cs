namespace DingGate.Core.Texts;

/// <summary>Card-only texts: the card given up on, the card answered again, the tool steps.</summary>
public static class CardTexts
{
    /// <summary>The error update of a card that failed: the whole answer follows as a message.</summary>
    public static readonly BotText FallingBack = new("⚠️ 卡片更新失败，完整回答将以消息发送。", "⚠️ The card could not be updated; the full answer follows as a message.");

    /// <summary>What a card of a crashed run shows when its message is answered again into it.</summary>
    public static readonly BotText Resuming = new("> ⚠️ 回答被中断（网关重启），正在重新回答…", "> ⚠️ The answer was interrupted (gateway restart); answering again…");

    /// <summary>{0}: the tool name.</summary>
    public static readonly BotText StepRunning = new("🔎 正在调用 {0}…", "🔎 Calling {0}…");

    /// <summary>{0}: the tool name.</summary>
    public static readonly BotText StepDone = new("✅ {0} 完成", "✅ {0} done");

    /// <summary>{0}: the tool name.</summary>
    public static readonly BotText StepFailed = new("⚠️ {0} 失败", "⚠️ {0} failed");

    /// <summary>{0}: the number of older steps not shown.</summary>
    public static readonly BotText StepsEarlier = new("…（之前还有 {0} 个步骤）", "…({0} earlier steps)");

    /// <summary>Before the tools of the final card's summary line.</summary>
    public static readonly BotText ToolsUsed = new("🔧 已调用工具：", "🔧 Tools used: ");

    /// <summary>Between the tools of the summary line.</summary>
    public static readonly BotText ToolsSeparator = new("、", ", ");
}
