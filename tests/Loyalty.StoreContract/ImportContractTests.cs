using System.Text.Json;
using Loyalty.Ledger;
using Loyalty.Members;

namespace Loyalty.StoreContract;

/// <summary>Bulk member import: each row all or nothing, bad rows reported, reruns change nothing.</summary>
public abstract class ImportContractTests<TFixture>(TFixture fixture) : LedgerContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public async Task ImportMembersAsync_ImportsGoodRows_RejectsBadOnes_AndRerunsChangeNothing()
    {
        var engine = NewEngine(o => o.Ledger.MaxAward = 10_000);
        await MemberAsync(engine, "existing");
        var rows = new List<MemberImport>
        {
            new(new NewMember { Id = "a", Email = "a@example.com", FirstName = "Ann" }, 500),
            new(new NewMember { Id = "b", Email = "b@example.com" }),
            new(new NewMember { Id = "c", Email = "A@EXAMPLE.com" }, 100),
            new(new NewMember { Id = "d", Email = "not-an-email" }, 100),
            new(new NewMember { Id = "e", Metadata = JsonDocument.Parse("""{"card":"4111 1111 1111 1111"}""").RootElement }, 100),
            new(new NewMember { Id = "f" }, -5),
            new(new NewMember { Email = "noid@example.com" }, 5),
            new(new NewMember { Id = "existing" }, 50),
            new(new NewMember { Id = "g", ExternalReference = "ext-g" }, 10_000),
        };

        var progress = new List<BatchProgress>();
        var result = await engine.ImportMembersAsync(rows, new Progress(progress.Add), Cancellation);

        Assert.Equal(
            [ImportOutcome.Imported, ImportOutcome.Imported, ImportOutcome.Rejected, ImportOutcome.Rejected, ImportOutcome.Rejected, ImportOutcome.Rejected, ImportOutcome.Rejected, ImportOutcome.Unchanged, ImportOutcome.Imported],
            result.Rows.Select(r => r.Outcome));
        Assert.Equal(ErrorCode.DuplicateEmail, result.Rows[2].Error?.Code);
        Assert.Equal(ErrorCode.ValidationFailed, result.Rows[3].Error?.Code);
        Assert.Equal(ErrorCode.SensitiveData, result.Rows[4].Error?.Code);
        Assert.Equal(ErrorCode.InvalidAmount, result.Rows[5].Error?.Code);
        Assert.Equal("memberId", result.Rows[6].Error?.Field);
        Assert.Equal((3, 1, 5), (result.Imported, result.Unchanged, result.Rejected));
        Assert.Equal(new BatchProgress(9, 9, 5), progress[^1]);

        Assert.Equal(500, (await BalanceAsync(engine, "a")).Spendable);
        Assert.Equal(0, (await BalanceAsync(engine, "b")).Spendable);
        Assert.Equal(10_000, (await BalanceAsync(engine, "g")).Spendable);
        Assert.Equal(0, (await BalanceAsync(engine, "existing")).Spendable);
        Assert.Null(await engine.FindMemberAsync("c", Cancellation));
        Assert.Null(await engine.FindMemberAsync("f", Cancellation));
        Assert.Null(await engine.FindMemberByEmailAsync("noid@example.com", Cancellation));
        Assert.Equal("g", (await engine.FindMemberByExternalReferenceAsync("ext-g", Cancellation))?.Id.Value);

        var before = await ProgramFingerprint.CaptureAsync(engine, Store);
        var rerun = await engine.ImportMembersAsync(rows, cancellationToken: Cancellation);
        Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));
        Assert.Equal((0, 4, 5), (rerun.Imported, rerun.Unchanged, rerun.Rejected));
        await LedgerInvariants.AssertProgramAsync(engine);
    }

    private sealed class Progress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}
