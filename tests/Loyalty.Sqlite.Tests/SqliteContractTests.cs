using Loyalty.StoreContract;

namespace Loyalty.Sqlite.Tests;

// The store contract suite, run against the SQLite store.
public sealed class SqliteMemberContractTests(SqliteStoreFixture fixture) : MemberContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteMemberValidationContractTests(SqliteStoreFixture fixture) : MemberValidationContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteMemberListingContractTests(SqliteStoreFixture fixture) : MemberListingContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteLifecycleContractTests(SqliteStoreFixture fixture) : LifecycleContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteTenancyContractTests(SqliteStoreFixture fixture) : TenancyContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteLedgerContractTests(SqliteStoreFixture fixture) : LedgerContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteLedgerConcurrencyContractTests(SqliteStoreFixture fixture) : LedgerConcurrencyContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteExpiryContractTests(SqliteStoreFixture fixture) : ExpiryContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteLedgerPropertyContractTests(SqliteStoreFixture fixture) : LedgerPropertyContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteTierContractTests(SqliteStoreFixture fixture) : TierContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteSnapshotContractTests(SqliteStoreFixture fixture) : SnapshotContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteImportContractTests(SqliteStoreFixture fixture) : ImportContractTests<SqliteStoreFixture>(fixture);

public sealed class SqliteTransactionContractTests(SqliteStoreFixture fixture) : TransactionContractTests<SqliteStoreFixture>(fixture);
