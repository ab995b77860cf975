namespace DingGate.DingTalk.Cluster;

/// <summary>A stop click on a card that does not stream on this replica, waiting to be sent to the others.</summary>
internal sealed record CardStopClick(string AccountId, string OutTrackId, string UserId, string Scope);
