using System.Diagnostics;
using System.Net.Sockets;

namespace DingGate.Core.Tests.Configuration;

/// <summary>One hostile or careless configuration: the file to load and what must come of it.</summary>
/// <param name="ConfigPath">The configuration file (usually written under the case's directory).</param>
/// <param name="Path">The path the error or warning line names (a JSON path, or the file for a bad config file).</param>
/// <param name="Fragment">A part of its reason.</param>
/// <param name="IsWarning">True: a warning and the configuration is usable; false: an error, exit 78.</param>
internal sealed record HostileConfig(string ConfigPath, string Path, string Fragment, bool IsWarning);

/// <summary>
/// The issue-13 corpus of configurations: secret references to a FIFO, <c>/dev/zero</c>, a directory, a socket, an
/// oversized file; a configuration file that is itself a FIFO or a device; duplicate keys; null sections; misspelt
/// policy keys; allowlist policies that let nobody in. Shared (as a linked file) by the loader tests and the tests that
/// run <c>config validate</c> and <c>gateway</c> on each and compare.
/// </summary>
internal static class HostileConfigs
{
    /// <summary>A secret every case carries; it must never appear in any message.</summary>
    public const string Secret = "S3cr3t-Hostile-42";

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>
            {
                "duplicate-policy", "duplicate-account", "duplicate-nested", "null-dingtalk", "null-account", "null-models-entry",
                "misspelt-dmPolicy", "misspelt-groupPolicy-in-account", "misspelt-allowFrom", "empty-allowlist",
                "empty-allowlist-in-account", "group-allowlist-without-groups", "oversized-secret-file",
            };
            if (!OperatingSystem.IsWindows())
            {
                names.Add("fifo-secret");
                names.Add("dev-zero-secret");
                names.Add("directory-secret");
                names.Add("socket-secret");
                names.Add("symlink-to-dev-zero-secret");
                names.Add("fifo-config-file");
                names.Add("dev-zero-config-file");
            }

            return names;
        }
    }

    /// <summary>
    /// Creates case <paramref name="name"/> under <paramref name="directory"/>. <paramref name="endpoints"/> is the
    /// DingTalk base URL the accounts use (an emulator for tests that let a usable configuration start the gateway).
    /// </summary>
    public static HostileConfig Create(string name, string directory, Uri endpoints, string clientId = "dingabc", string clientSecret = Secret)
    {
        Directory.CreateDirectory(directory);
        var state = Path.Combine(directory, "state");
        var head = $$"""
            {
              gateway: { stateDir: {{Quote(state)}}, adminPort: 0, logLevel: "warning" },
              models: { default: { provider: "demo" } },
            """;
        var credentials = $"clientId: {Quote(clientId)}, clientSecret: {Quote(clientSecret)}, endpoints: {{ api: {Quote(endpoints.ToString())}, oapi: {Quote(endpoints.ToString())} }}";

        // Line 1 "{", line 2 gateway, line 3 models; the channel starts at line 4.
        HostileConfig Write(string channel, string path, string fragment, bool warning = false) =>
            new(WriteFile(directory, head + "\n" + channel + "\n}\n"), path, fragment, warning);

        HostileConfig SecretFile(string file, string fragment) =>
            Write($$"""  channels: { dingtalk: { clientId: {{Quote(clientId)}}, clientSecret: "${file:{{Escape(file)}}}", endpoints: { api: {{Quote(endpoints.ToString())}} } } },""",
                "channels.dingtalk.clientSecret", $"{file}: {fragment}");

        switch (name)
        {
            case "duplicate-policy":
                return Write($$"""
                      channels: { dingtalk: {
                        {{credentials}},
                        dmPolicy: "allowlist",
                        allowFrom: ["user001"],
                        dmPolicy: "open",
                      } },
                    """, "channels.dingtalk.dmPolicy", "duplicate key at lines 6 and 8");
            case "duplicate-account":
                return Write($$"""
                      channels: { dingtalk: { {{credentials}}, accounts: {
                        main: { dmPolicy: "allowlist", allowFrom: ["user001"] },
                        main: { dmPolicy: "open" },
                      } } },
                    """, "channels.dingtalk.accounts.main", "duplicate key at lines 5 and 6");
            case "duplicate-nested":
                return Write($$"""
                      channels: { dingtalk: { {{credentials}}, groups: { cidA: { enabled: true,
                        enabled: false } } } },
                    """, "channels.dingtalk.groups.cidA.enabled", "duplicate key at lines 4 and 5");
            case "null-dingtalk":
                return Write("  channels: { dingtalk: null },", "channels.dingtalk", "must be an object, not null");
            case "null-account":
                return Write($$"""  channels: { dingtalk: { {{credentials}}, accounts: { a: { clientId: "dinga" }, b: null } } },""",
                    "channels.dingtalk.accounts.b", "must be an object, not null");
            case "null-models-entry":
                return new(WriteFile(directory, head.Replace("models: { default: { provider: \"demo\" } }", "models: { default: null }", StringComparison.Ordinal)
                    + "\n" + $$"""  channels: { dingtalk: { {{credentials}} } },""" + "\n}\n"), "models.default", "must be an object, not null", false);
            case "misspelt-dmPolicy":
                return Write($$"""  channels: { dingtalk: { {{credentials}}, dmPolcy: "allowlist", allowFrom: ["user001"] } },""",
                    "channels.dingtalk.dmPolcy", "unknown key (did you mean 'dmPolicy'?)");
            case "misspelt-groupPolicy-in-account":
                return Write($$"""  channels: { dingtalk: { {{credentials}}, accounts: { main: { groupPolcy: "disabled" } } } },""",
                    "channels.dingtalk.accounts.main.groupPolcy", "unknown key (did you mean 'groupPolicy'?)");
            case "misspelt-allowFrom":
                return Write($$"""  channels: { dingtalk: { {{credentials}}, dmPolicy: "pairing", allowfrom: ["user001"] } },""",
                    "channels.dingtalk.allowfrom", "keys are case-sensitive: did you mean 'allowFrom'?");
            case "empty-allowlist":
                return Write($$"""  channels: { dingtalk: { {{credentials}}, dmPolicy: "allowlist", allowFrom: [] } },""",
                    "channels.dingtalk.allowFrom", "dmPolicy is allowlist but allowFrom is empty and no sender is approved", warning: true);
            case "empty-allowlist-in-account":
                return Write($$"""  channels: { dingtalk: { dmPolicy: "allowlist", accounts: { main: { {{credentials}} } } } },""",
                    "channels.dingtalk.accounts.main.allowFrom", "dmPolicy is allowlist but allowFrom is empty", warning: true);
            case "group-allowlist-without-groups":
                return Write($$"""  channels: { dingtalk: { {{credentials}}, groupPolicy: "allowlist", allowFrom: ["user001"] } },""",
                    "channels.dingtalk.groups", "groupPolicy is allowlist but no group is listed under groups", warning: true);
            case "oversized-secret-file":
                var big = Path.Combine(directory, "big-secret");
                File.WriteAllText(big, new string('k', (64 * 1024) + 1));
                return SecretFile(big, "it is larger than the limit of 65536 bytes");
            case "fifo-secret":
                return SecretFile(MakeFifo(Path.Combine(directory, "secret-pipe")), "it is a FIFO (named pipe), not a regular file");
            case "dev-zero-secret":
                return SecretFile("/dev/zero", "it is a character device, not a regular file");
            case "directory-secret":
                var folder = Path.Combine(directory, "secret-dir");
                Directory.CreateDirectory(folder);
                return SecretFile(folder, "it is a directory, not a regular file");
            case "socket-secret":
                // .NET removes the socket file it bound when the socket is disposed: a hard link keeps one for the case.
                var bound = Path.Combine(directory, "bound.sock");
                var socketPath = Path.Combine(directory, "secret.sock");
                using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
                {
                    socket.Bind(new UnixDomainSocketEndPoint(bound));
                    Run("ln", bound, socketPath);
                }

                return SecretFile(socketPath, "it is a socket, not a regular file");
            case "symlink-to-dev-zero-secret":
                var link = Path.Combine(directory, "secret-link");
                File.CreateSymbolicLink(link, "/dev/zero");
                return SecretFile(link, "it is a character device, not a regular file");
            case "fifo-config-file":
                var pipe = MakeFifo(Path.Combine(directory, "config-pipe.json5"));
                return new(pipe, pipe, "it is a FIFO (named pipe), not a regular file", false);
            case "dev-zero-config-file":
                return new("/dev/zero", "/dev/zero", "it is a character device, not a regular file", false);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such case");
        }
    }

    private static string WriteFile(string directory, string text)
    {
        var path = Path.Combine(directory, "dinggate.json5");
        File.WriteAllText(path, text);
        return path;
    }

    private static string MakeFifo(string path)
    {
        Run("mkfifo", path);
        return path;
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
