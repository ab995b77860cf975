namespace DingGate.Cli;

/// <summary>Process exit codes shared by every verb.</summary>
internal static class ExitCodes
{
    /// <summary>Finished normally (for servers: stopped by Ctrl+C / SIGTERM).</summary>
    public const int Ok = 0;

    /// <summary>Failed at run time (e.g. the port is already in use).</summary>
    public const int Runtime = 1;

    /// <summary>The command line is wrong (unknown option, bad value, missing pair).</summary>
    public const int Usage = 2;

    /// <summary>Status: no gateway is running on this state directory.</summary>
    public const int NotRunning = 3;

    /// <summary>Status: the gateway runs but not every enabled account is connected.</summary>
    public const int NotReady = 4;

    /// <summary>A directory DingGate needs (home, state, logs) cannot be created or written (EX_CANTCREAT from sysexits.h).</summary>
    public const int CannotCreate = 73;

    /// <summary>The configuration is missing or invalid (EX_CONFIG from sysexits.h).</summary>
    public const int Config = 78;
}
