namespace DingGate.Cli.Service;

/// <summary>How the service starts the gateway: this program (with its dll when run through <c>dotnet</c>), <c>gateway --config &lt;path&gt;</c>.</summary>
internal sealed record ServiceDefinition(IReadOnlyList<string> Command)
{
    public static ServiceDefinition ForThisProgram(string configPath)
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        var viaDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        List<string> command = [process];
        // Run through dotnet, the program is the dll beside it; a single-file build is its own executable.
        if (viaDotnet)
        {
            command.Add(Path.Combine(AppContext.BaseDirectory, "dinggate.dll"));
        }

        command.AddRange(["gateway", "--config", configPath]);
        return new ServiceDefinition(command);
    }
}
