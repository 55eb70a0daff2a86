using Loyalty.PostgreSql.Tests.Infrastructure;

// One PostgreSQL server for the whole test run: started before the first test, stopped after the last.
[assembly: AssemblyFixture(typeof(PostgreSqlServer))]
