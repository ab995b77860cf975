using System.Text.Json.Serialization;

namespace DingGate.Cli.Admin;

/// <summary>Source-generated JSON of the admin endpoint (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(AdminAnnouncement))]
[JsonSerializable(typeof(AdminStatus))]
[JsonSerializable(typeof(AdminReadiness))]
[JsonSerializable(typeof(AdminProbe))]
[JsonSerializable(typeof(AdminPairingApproval))]
[JsonSerializable(typeof(AdminPairingResult))]
internal sealed partial class AdminJson : JsonSerializerContext;
