using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Cards;

/// <summary>Looks users up the way a card request spells them: userId (<c>userIdType</c> 1) or unionId (2).</summary>
internal static class CardUsers
{
    public static OrgUser? Find(OrgDirectory org, string id, int userIdType) =>
        userIdType == 2 ? org.Users.FirstOrDefault(u => string.Equals(u.UnionId, id, StringComparison.Ordinal)) : org.FindUser(id);

    /// <summary>The id of <paramref name="user"/> as a card with <paramref name="userIdType"/> spells it.</summary>
    public static string IdOf(OrgUser user, int userIdType) => userIdType == 2 ? user.UnionId : user.UserId;
}
