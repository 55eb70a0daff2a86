using System.Text;
using Loyalty.Members;
using Loyalty.Storage;

namespace Loyalty.StoreContract;

/// <summary>Everything a program holds, as one string: used to prove that a refused write wrote nothing.</summary>
public static class ProgramFingerprint
{
    public static async Task<string> CaptureAsync(ILoyaltyEngine engine, ILoyaltyStore store)
    {
        var text = new StringBuilder();
        string? cursor = null;
        do
        {
            var page = await engine.ListMembersAsync(new MemberQuery { Limit = 500, Cursor = cursor });
            foreach (var member in page.Members)
            {
                using var stream = new MemoryStream();
                await engine.ExportMemberDataAsync(member.Id, stream);
                text.Append(Encoding.UTF8.GetString(stream.ToArray()));
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var outbox = await store.ReadOutboxAsync(engine.ProgramId, 0, int.MaxValue, default);
        text.Append("outbox:").Append(outbox.Count);
        return text.ToString();
    }

    /// <summary>Asserts that the action fails with <paramref name="code"/> and leaves the program exactly as it was.</summary>
    public static async Task<LoyaltyException> AssertRefusedAndUnchangedAsync(ILoyaltyEngine engine, ILoyaltyStore store, ErrorCode code, Func<Task> action)
    {
        var before = await CaptureAsync(engine, store);
        var exception = await LoyaltyAssert.ThrowsAsync(code, action);
        var after = await CaptureAsync(engine, store);
        Assert.Equal(before, after);
        return exception;
    }
}
