using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Agent.Tools.Builtin;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Texts;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tests.Tools.Builtin;

// MEDIA: lines through the agent runner: honoured like send_file when the agent may use send_file, else left alone.
public sealed class MediaLineRunnerTests : IDisposable
{
    private readonly TempFolder _state = new();

    public MediaLineRunnerTests()
    {
        Directory.CreateDirectory(Path.Combine(_state.Path, "workspace"));
        File.WriteAllBytes(Path.Combine(_state.Path, "workspace", "chart.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
    }

    public void Dispose() => _state.Dispose();

    [Fact]
    public async Task RunAsync_MediaLineWithSendFileAllowed_FileAttachedAndLineHidden()
    {
        var (answer, sink) = await RunAsync(["send_file"], "Here it is:\nMEDI", "A: chart.png\nAnything else?");

        var file = Assert.IsType<ReplyFile>(Assert.Single(sink.Updates, u => u is ReplyFile)).File;
        Assert.Equal(Path.Combine(_state.Path, "workspace", "chart.png"), file.Path);
        Assert.Equal(OutboundFileKind.Image, file.Kind);
        Assert.Equal("Here it is:\nAnything else?", string.Concat(sink.Deltas));
        Assert.Equal("Here it is:\nMEDIA: chart.png\nAnything else?", answer.Text);
    }

    [Fact]
    public async Task RunAsync_MediaLineOutsideWorkspace_NoteInsteadOfFile()
    {
        var (_, sink) = await RunAsync(["*"], "Sure.\nMEDIA: ../dinggate.db\n");

        Assert.DoesNotContain(sink.Updates, u => u is ReplyFile);
        var text = string.Concat(sink.Deltas);
        Assert.StartsWith("Sure.\n> " + AgentTexts.FileNotSent.ZhCn + "Refused '../dinggate.db': only files inside the workspace", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SendFileNotAllowed_TextUnchangedNothingRead()
    {
        var (_, sink) = await RunAsync([], "Here it is:\nMEDIA: chart.png\n");

        Assert.DoesNotContain(sink.Updates, u => u is ReplyFile);
        Assert.Equal("Here it is:\nMEDIA: chart.png\n", string.Concat(sink.Deltas));
    }

    [Fact]
    public async Task RunAsync_SendFileDenied_TextUnchanged()
    {
        var (_, sink) = await RunAsync(["*"], "MEDIA: chart.png", deny: ["send_file"]);

        Assert.DoesNotContain(sink.Updates, u => u is ReplyFile);
        Assert.Equal("MEDIA: chart.png", string.Concat(sink.Deltas));
    }

    private async Task<(AgentAnswer Answer, RecordingReplySink Sink)> RunAsync(string[] allow, string first, string? second = null, string[]? deny = null)
    {
        var config = Runners.Config(new ModelSettings { Provider = "openai", Model = "m" });
        config.Agents["default"] = new AgentSettings { Tools = new AgentToolSettings { Allow = allow, Deny = deny ?? [] } };
        var fake = new FakeChatClient
        {
            Stream = (_, _) => second is null
                ? FakeChatClient.Updates(new ChatResponseUpdate(ChatRole.Assistant, first))
                : FakeChatClient.Updates(new ChatResponseUpdate(ChatRole.Assistant, first), new ChatResponseUpdate(ChatRole.Assistant, second)),
        };
        await using var services = Runners.Build(config, s =>
        {
            s.UseClient(fake);
            s.AddBuiltinTools(config, _state.Path);
        });
        var sink = new RecordingReplySink();
        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("chart please"), []), sink, CancellationToken.None);
        return (answer, sink);
    }
}
