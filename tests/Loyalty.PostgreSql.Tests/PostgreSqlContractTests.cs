using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.StoreContract;

namespace Loyalty.PostgreSql.Tests;

// The whole store contract suite, run against PostgreSQL: each class gets a database of its own.
public sealed class PostgreSqlMemberContractTests(PostgreSqlStoreFixture fixture) : MemberContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlMemberValidationContractTests(PostgreSqlStoreFixture fixture) : MemberValidationContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlMemberListingContractTests(PostgreSqlStoreFixture fixture) : MemberListingContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlLifecycleContractTests(PostgreSqlStoreFixture fixture) : LifecycleContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlTenancyContractTests(PostgreSqlStoreFixture fixture) : TenancyContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlLedgerContractTests(PostgreSqlStoreFixture fixture) : LedgerContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlLedgerConcurrencyContractTests(PostgreSqlStoreFixture fixture) : LedgerConcurrencyContractTests<PostgreSqlStoreFixture>(fixture)
{
    // The 32 tasks write one member, so they queue on its lock: 150 operations each (4,800 in all) keep the class short.
    protected override int OperationsPerTask => 150;
}

public sealed class PostgreSqlExpiryContractTests(PostgreSqlStoreFixture fixture) : ExpiryContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlLedgerPropertyContractTests(PostgreSqlStoreFixture fixture) : LedgerPropertyContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlTierContractTests(PostgreSqlStoreFixture fixture) : TierContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlSnapshotContractTests(PostgreSqlStoreFixture fixture) : SnapshotContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlImportContractTests(PostgreSqlStoreFixture fixture) : ImportContractTests<PostgreSqlStoreFixture>(fixture);

public sealed class PostgreSqlTransactionContractTests(PostgreSqlStoreFixture fixture) : TransactionContractTests<PostgreSqlStoreFixture>(fixture);
