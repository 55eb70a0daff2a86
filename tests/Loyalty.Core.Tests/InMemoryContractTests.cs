using Loyalty.StoreContract;

namespace Loyalty.Core.Tests;

// The store contract suite, run against the in-memory store.
public sealed class InMemoryMemberContractTests(InMemoryStoreFixture fixture) : MemberContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryMemberValidationContractTests(InMemoryStoreFixture fixture) : MemberValidationContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryMemberListingContractTests(InMemoryStoreFixture fixture) : MemberListingContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryLifecycleContractTests(InMemoryStoreFixture fixture) : LifecycleContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryTenancyContractTests(InMemoryStoreFixture fixture) : TenancyContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryLedgerContractTests(InMemoryStoreFixture fixture) : LedgerContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryLedgerConcurrencyContractTests(InMemoryStoreFixture fixture) : LedgerConcurrencyContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryExpiryContractTests(InMemoryStoreFixture fixture) : ExpiryContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryLedgerPropertyContractTests(InMemoryStoreFixture fixture) : LedgerPropertyContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryTierContractTests(InMemoryStoreFixture fixture) : TierContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemorySnapshotContractTests(InMemoryStoreFixture fixture) : SnapshotContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryImportContractTests(InMemoryStoreFixture fixture) : ImportContractTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryTransactionContractTests(InMemoryStoreFixture fixture) : TransactionContractTests<InMemoryStoreFixture>(fixture);
