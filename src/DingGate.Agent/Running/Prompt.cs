using Microsoft.Extensions.AI;

namespace DingGate.Agent.Running;

// The messages sent to the model and the user's turn as text for the history.
internal sealed record Prompt(IReadOnlyList<ChatMessage> Messages, string UserText);
