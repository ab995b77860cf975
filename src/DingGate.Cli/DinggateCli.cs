using System.CommandLine;
using DingGate.Cli.Allow;
using DingGate.Cli.Channels;
using DingGate.Cli.Config;
using DingGate.Cli.Doctor;
using DingGate.Cli.Emulator;
using DingGate.Cli.Gateway;
using DingGate.Cli.Logs;
using DingGate.Cli.Message;
using DingGate.Cli.Onboard;
using DingGate.Cli.Jobs;
using DingGate.Cli.Outbox;
using DingGate.Cli.Pairing;
using DingGate.Cli.Plugins;
using DingGate.Cli.Sandbox;
using DingGate.Cli.Storage;
using DingGate.Cli.Tools;
using DingGate.Core.Files;
using DingGate.Core.Secrets;

namespace DingGate.Cli;

/// <summary>The <c>dinggate</c> command tree. Each verb lives in its own folder and contributes one <see cref="Command"/>.</summary>
internal static class DinggateCli
{
    public static RootCommand Build(TextWriter output, TextWriter error) => Build(TextReader.Null, output, error, CliServices.Default);

    public static RootCommand Build(TextReader input, TextWriter output, TextWriter error, CliServices services)
    {
        var root = new RootCommand("DingGate: an AI assistant gateway for DingTalk (钉钉), with a built-in DingTalk emulator.");
        root.Subcommands.Add(SandboxCommand.Create(output, error));
        root.Subcommands.Add(OnboardCommand.Create(input, output, error));
        root.Subcommands.Add(ChannelsCommand.Create(input, output, error));
        root.Subcommands.Add(GatewayCommand.Create(output, error, services));
        root.Subcommands.Add(LogsCommand.Create(output, error));
        root.Subcommands.Add(PairingCommand.Create(output, error));
        root.Subcommands.Add(AllowCommand.Create(output, error));
        root.Subcommands.Add(OutboxCommand.Create(output, error));
        root.Subcommands.Add(JobsCommand.Create(output, error));
        root.Subcommands.Add(StorageCommand.Create(output, error));
        root.Subcommands.Add(MessageCommand.Create(output, error));
        root.Subcommands.Add(PluginsCommand.Create(output));
        root.Subcommands.Add(DoctorCommand.Create(output));
        root.Subcommands.Add(EmulatorCommand.Create(output, error));
        root.Subcommands.Add(ConfigCommand.Create(output, error));
        root.Subcommands.Add(ToolsCommand.Create(output, error));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, TextReader.Null, output, error, cancellationToken);

    /// <summary>Runs one command line; <paramref name="input"/> answers the wizards (the console's stdin in the program).</summary>
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, input, output, error, CliServices.Default, cancellationToken);

    /// <summary>Runs one command line with <paramref name="services"/> (tests: a recording process runner, a temporary home).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CliServices services, CancellationToken cancellationToken)
    {
        var root = Build(input, output, error, services);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line per problem and exit code 2, instead of the library's default (errors + full help, exit 1).
            var command = CommandPath(parse);
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"{command}: {problem.Message.TrimEnd('.')}. Run '{command} --help' for usage.");
            }

            return ExitCodes.Usage;
        }

        // Servers shut down cleanly on Ctrl+C / SIGTERM; give them time to close their sockets. An exception no verb
        // handled is printed here, redacted, instead of by the library's handler (the raw text with its stack trace).
        var config = new InvocationConfiguration
        {
            Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(15), EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // As the library's handler did: a cancelled verb ends with 1 and no message.
            return ExitCodes.Runtime;
        }
        catch (Exception ex) when (DirectoryProblem(ex) is { } problem)
        {
            // A missing or unwritable home or state directory (a service account such as nobody): one line, naming it.
            await error.WriteLineAsync(CannotCreate(CommandPath(parse), problem));
            return ExitCodes.CannotCreate;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync(UnexpectedError(CommandPath(parse), ex));
            return ExitCodes.Runtime;
        }
    }

    /// <summary>The one line an unhandled exception of a verb prints: its type and message, secrets and tokens masked.</summary>
    internal static string UnexpectedError(string command, Exception exception)
    {
        var redactor = SecretRedactor.ShapesOnly();
        var message = exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerExceptions[0] : exception;
        return $"{command}: unexpected error: {message.GetType().Name}: {redactor.Redact(message.Message)}";
    }

    /// <summary>The one line for a directory that cannot be created or written, with what to change.</summary>
    internal static string CannotCreate(string command, Exception exception)
    {
        var redactor = SecretRedactor.ShapesOnly();
        var hint = exception is DirectoryCreationException { Path.Length: 0 }
            ? string.Empty
            : "; set gateway.stateDir (or DINGGATE_STATE_DIR) to a directory this user can write, or HOME to an existing one";
        return $"{command}: {redactor.Redact(exception.Message)}{hint}";
    }

    // The directory failure behind an exception (a store wraps it in its own), if that is what it is.
    private static Exception? DirectoryProblem(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e.InnerException)
        {
            if (e is DirectoryCreationException or UnauthorizedAccessException)
            {
                return e;
            }
        }

        return null;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "dinggate" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
