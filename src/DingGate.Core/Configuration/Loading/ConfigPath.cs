namespace DingGate.Core.Configuration.Loading;

// JSON paths as users read them: dots between keys, [n] for array items.
internal static class ConfigPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
