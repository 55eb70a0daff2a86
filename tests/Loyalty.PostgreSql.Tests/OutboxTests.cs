using System.Collections.Concurrent;
using Loyalty.Events;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.Storage;
using Loyalty.StoreContract;

namespace Loyalty.PostgreSql.Tests;

/// <summary>Outbox positions follow commit order, so a reader polling "after the last position" never skips an event.</summary>
public sealed class OutboxTests(PostgreSqlStoreFixture fixture) : LedgerContractBase<PostgreSqlStoreFixture>(fixture)
{
    [Fact]
    public async Task EventOfATransactionThatCommitsLate_GetsALaterPositionThanEventsAlreadyRead()
    {
        var engine = NewEngine();
        var late = await MemberAsync(engine, "late");
        var early = await MemberAsync(engine, "early");
        var program = engine.ProgramId;
        var read = await Store.ReadOutboxAsync(program, 0, 100, Cancellation);

        await using (var transaction = await Store.BeginTransactionAsync(program, StoreTransactionMode.AllOrNothing, Cancellation))
        {
            var locked = await transaction.LockMemberAsync(late, null, Cancellation);
            var message = new OutboxMessage { EventId = Guid.NewGuid(), Type = "Test", MemberId = late, OccurredAt = Clock.GetCurrentInstant(), Payload = "{}" };
            await transaction.ApplyAsync(new MemberChangeSet { MemberId = late, LastSequence = locked.LastSequence, Events = [message] }, Cancellation);

            await EarnAsync(engine, early, 10);
            var meanwhile = await Store.ReadOutboxAsync(program, read[^1].Position, 100, Cancellation);
            Assert.Equal([LoyaltyEventTypes.PointsEarned], meanwhile.Select(m => m.Type));
            await transaction.CommitAsync(Cancellation);

            var after = await Store.ReadOutboxAsync(program, meanwhile[^1].Position, 100, Cancellation);
            Assert.Equal([message.EventId], after.Select(m => m.EventId));
            Assert.True(after[0].Position > meanwhile[^1].Position);
        }
    }

    [Fact]
    public async Task PollingWhileManyInstancesWrite_SeesEveryEventOnce_InIncreasingPositions_AndInOrderPerMember()
    {
        var program = NewProgramId();
        var engines = Enumerable.Range(0, 4).Select(_ => CreateEngine(programId: program, store: Fixture.NewStore(maxPoolSize: 8))).ToArray();
        var members = Enumerable.Range(0, 8).Select(i => MemberId.Parse($"w{i}")).ToArray();
        foreach (var member in members)
        {
            await engines[0].EnrollAsync(new NewMember { Id = member }, Cancellation);
        }

        var seen = new List<OutboxMessage>();
        var writing = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            long after = 0;
            while (true)
            {
                var done = writing.IsCancellationRequested;
                var page = await Store.ReadOutboxAsync(ProgramId.Parse(program), after, 50, Cancellation);
                seen.AddRange(page);
                after = page.Count > 0 ? page[^1].Position : after;
                if (page.Count == 0)
                {
                    if (done)
                    {
                        return;
                    }

                    await Task.Delay(5, Cancellation);
                }
            }
        }, Cancellation);

        var written = new ConcurrentBag<EntryId>();
        await Task.WhenAll(engines.SelectMany((engine, e) => members.Select((member, m) => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                written.Add((await engine.AwardAsync(new AwardPoints(member, 1, $"e{e}-{m}-{i}"), Cancellation)).Entry.Id);
            }
        }, Cancellation))));
        await writing.CancelAsync();
        await poller;

        Assert.Equal(seen.Select(m => m.Position).Order(), seen.Select(m => m.Position));
        Assert.Equal(seen.Count, seen.Select(m => m.EventId).Distinct().Count());
        var earned = seen.Where(m => m.Type == LoyaltyEventTypes.PointsEarned).ToList();
        Assert.Equal(written.Count, earned.Count);
        foreach (var member in members)
        {
            var entries = await LedgerInvariants.EntriesAsync(engines[0], member);
            var ofMember = earned.Where(m => m.MemberId == member).Select(m => m.Payload).ToList();
            Assert.Equal(entries.Select(e => e.Id.ToString()), ofMember.Select(EntryIdOf));
        }
    }

    [Fact]
    public async Task ReadingTheWholeOutbox_PositionsEveryCommittedEvent_BeyondOnePositioningPass()
    {
        var engine = NewEngine();
        var members = new[] { await MemberAsync(engine, "a"), await MemberAsync(engine, "b") };
        var awards = Enumerable.Range(0, Storage.PostgreSql.Tables.OutboxTable.SequenceBatch + 200).Select(i => new AwardPoints(members[i % 2], 1, $"bulk-{i}")).ToArray();
        Assert.Equal(0, (await engine.AwardBatchAsync(awards, cancellationToken: Cancellation)).Failed);

        var all = await Store.ReadOutboxAsync(engine.ProgramId, 0, int.MaxValue, Cancellation);

        Assert.Equal(awards.Length + members.Length, all.Count);
        Assert.Equal(all.Select(m => m.Position).Distinct().Order(), all.Select(m => m.Position));
        Assert.Empty(await Store.ReadOutboxAsync(engine.ProgramId, all[^1].Position, int.MaxValue, Cancellation));
    }

    private static string EntryIdOf(string payload) =>
        System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("entry_id").GetString()!;
}
