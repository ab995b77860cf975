using System.Collections.Concurrent;

namespace DingGate.Emulator.Fixtures;

/// <summary>The apps the emulator knows, by client id and by robot code.</summary>
internal sealed class AppRegistry
{
    private readonly ConcurrentDictionary<string, EmulatedApp> _byClientId = new(StringComparer.Ordinal);
    private readonly IdGenerator _ids;

    public AppRegistry(EmulatorOptions options, IdGenerator ids)
    {
        _ids = ids;
        foreach (var app in options.Apps)
        {
            Add(app);
        }
    }

    public IReadOnlyCollection<EmulatedApp> All => _byClientId.Values.OrderBy(a => a.ClientId, StringComparer.Ordinal).ToList();

    public EmulatedApp Add(EmulatedAppOptions options)
    {
        var app = new EmulatedApp(options, _ids.NewUuid(), "$:LWCP_v1:$" + _ids.NewBase64Id(24));
        if (!_byClientId.TryAdd(app.ClientId, app))
        {
            throw new InvalidOperationException($"An app with client id '{app.ClientId}' is already registered.");
        }

        return app;
    }

    public EmulatedApp? FindByClientId(string? clientId) =>
        clientId is not null && _byClientId.TryGetValue(clientId, out var app) ? app : null;

    public EmulatedApp? FindByRobotCode(string? robotCode) =>
        robotCode is null ? null : _byClientId.Values.FirstOrDefault(a => string.Equals(a.RobotCode, robotCode, StringComparison.Ordinal));

    /// <summary>Credential check in constant time per app, so timing does not reveal a secret prefix.</summary>
    public EmulatedApp? Authenticate(string? clientId, string? clientSecret)
    {
        var app = FindByClientId(clientId);
        if (app is null || clientSecret is null)
        {
            return null;
        }

        var expected = System.Text.Encoding.UTF8.GetBytes(app.ClientSecret);
        var actual = System.Text.Encoding.UTF8.GetBytes(clientSecret);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, actual) ? app : null;
    }
}
