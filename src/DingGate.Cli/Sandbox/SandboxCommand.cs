using System.CommandLine;
using DingGate.Cli.Emulator;
using DingGate.Emulator;

namespace DingGate.Cli.Sandbox;

/// <summary>
/// <c>dinggate sandbox</c>: the one-command try-out. Today it runs the DingTalk emulator with the demo app and its
/// control page; the gateway and the web chat with the AI join it when they are built (see the issues).
/// </summary>
internal static class SandboxCommand
{
    private const string Description = """
        Try DingGate with no DingTalk account and no API key. Today this starts the DingTalk emulator on 127.0.0.1
        with the demo app (client id 'dingdemoappkey', secret 'demo-secret') and its control page, where you chat
        as a DingTalk user and see what a bot sends. The DingGate gateway that answers is not part of the sandbox yet.
        Exit codes: 0 stopped normally; 1 runtime failure (e.g. port in use); 2 bad command line.
        """;

    internal const string Note =
        "Sandbox: the DingTalk emulator with its demo app. The gateway (the AI that answers) is not part of the sandbox yet; " +
        "connect any Stream-mode bot to the URLs below, or chat on the control page to see what it receives and sends.";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new EmulatorArguments();
        var command = new Command("sandbox", Description);
        command.Options.Add(arguments.Port);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await output.WriteLineAsync(Note);
            var options = new EmulatorOptions { Port = parse.GetValue(arguments.Port) };
            return await EmulatorRunner.RunAsync(options, output, error, cancellationToken);
        });
        return command;
    }
}
