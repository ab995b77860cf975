namespace DingGate.DingTalk.Policies;

/// <summary>The texts a sender reads when the policy does not let the message through; each names the user id to allow.</summary>
internal static class PolicyReplies
{
    public static string NotEnabled(string userId) =>
        $"Sorry, I'm not enabled for you yet. Ask the owner to run: dinggate allow add {userId}";

    public static string NotInGroupAllowFrom(string userId, string conversationId) =>
        $"Sorry, I'm not enabled for you in this group yet. Ask the owner to add {userId} to groupAllowFrom of group {conversationId}.";

    public static string GroupNotListed(string conversationId) =>
        $"Sorry, I'm not enabled in this group yet. Ask the owner to add this group ({conversationId}) under channels.dingtalk.groups.";

    public static string PairingIssued(string code, string userId) =>
        $"Hi! I don't know you yet (your user id: {userId}). Your pairing code is {code}, valid for 1 hour. " +
        $"Ask the owner to approve it by running: dinggate pairing approve {code}";

    public static string PairingPending(string code) =>
        $"Your pairing request is still waiting for approval. Your code is {code}. Ask the owner to run: dinggate pairing approve {code}";

    public const string Approved = "You're approved! You can talk to me now.";
}
