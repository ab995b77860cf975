namespace DingGate.Agent.Sessions;

// What one session's lane holds right now (for /status).
internal sealed record SessionQueueState(bool Running, int Pending);
