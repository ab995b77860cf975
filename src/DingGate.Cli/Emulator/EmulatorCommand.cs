using System.CommandLine;

namespace DingGate.Cli.Emulator;

/// <summary><c>dinggate emulator</c>: runs the DingTalk emulator alone, for any bot in any language.</summary>
internal static class EmulatorCommand
{
    private const string Description = """
        Run the DingTalk emulator alone: the api.dingtalk.com and oapi.dingtalk.com OpenAPI, Stream mode
        (registration + WebSocket), the control API under /_emulator/ and the control page, on one port.
        Without --client-id one demo app is registered: client id 'dingdemoappkey', client secret 'demo-secret'.
        Secrets are never printed. Runs until Ctrl+C / SIGTERM.
        Exit codes: 0 stopped normally; 1 runtime failure (e.g. port in use, TLS files not writable); 2 bad command line.
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new EmulatorArguments();
        var command = new Command("emulator", Description);
        arguments.AddTo(command);
        command.SetAction((parse, cancellationToken) => EmulatorRunner.RunAsync(arguments.ToOptions(parse), output, error, cancellationToken));
        return command;
    }
}
