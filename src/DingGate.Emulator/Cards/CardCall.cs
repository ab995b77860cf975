using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Cards;

/// <summary>An authenticated card API call: the calling app and its JSON body.</summary>
internal sealed record CardCall(EmulatedApp App, JsonObject Body);
