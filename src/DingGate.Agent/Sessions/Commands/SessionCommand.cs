namespace DingGate.Agent.Sessions.Commands;

// The chat commands the session layer answers itself.
internal enum SessionCommand
{
    New,
    Reset,
    Stop,
    Status,
    Help,
    WhoAmI,
}
