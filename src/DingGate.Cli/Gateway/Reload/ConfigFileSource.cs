using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Gateway.Reload;

/// <summary>The config file the gateway was started from, as it read it: what a reload reads again and compares with.</summary>
/// <param name="Source">The file and the environment its <c>${ENV}</c> / <c>${file:…}</c> references resolve against.</param>
/// <param name="Text">The text the running configuration was loaded from.</param>
/// <param name="AllowDuplicateKeys">As at start (<c>--allow-duplicates</c>).</param>
internal sealed record ConfigFileSource(ConfigSource Source, string Text, bool AllowDuplicateKeys);
