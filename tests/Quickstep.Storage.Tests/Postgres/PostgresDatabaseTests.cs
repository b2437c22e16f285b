using Npgsql;
using Quickstep.Storage.Postgres;

namespace Quickstep.Storage.Tests.Postgres;

public sealed class PostgresDatabaseTests
{
    [Fact]
    public async Task Migrate_RunsEachStepOnce_AndAppendsNewSteps()
    {
        await using var db = PostgresDatabase.Open(await PostgresServer.CreateDatabaseAsync());
        await db.MigrateAsync("demo", ["CREATE TABLE demo (id int)"]);
        await db.MigrateAsync("demo", ["CREATE TABLE demo (id int)"]); // a second start: nothing runs again
        Assert.Equal(1, await db.SchemaVersionAsync("demo"));

        await db.MigrateAsync("demo", ["CREATE TABLE demo (id int)", "ALTER TABLE demo ADD COLUMN name text"]);
        Assert.Equal(2, await db.SchemaVersionAsync("demo"));
        await using var insert = db.DataSource.CreateCommand("INSERT INTO demo (id, name) VALUES (1, 'x')");
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        Assert.Equal(0, await db.SchemaVersionAsync("other"));
    }

    [Fact]
    public async Task Migrate_FromSeveralNodesAtOnce_AppliesOnce()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var nodes = Enumerable.Range(0, 3).Select(_ => PostgresDatabase.Open(connectionString)).ToArray();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.MigrateAsync("race", ["CREATE TABLE race (id int)", "INSERT INTO race VALUES (1)"])));
            await using var count = nodes[0].DataSource.CreateCommand("SELECT count(*) FROM race");
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var n in nodes)
                await n.DisposeAsync();
        }
    }

    [Fact]
    public void ToConnectionString_ReadsPostgresUrls()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresDatabase.ToConnectionString("postgres://app:s%40cret@127.0.0.1:55432/quickstep?Maximum%20Pool%20Size=20"));
        Assert.Equal("127.0.0.1", builder.Host);
        Assert.Equal(55432, builder.Port);
        Assert.Equal("app", builder.Username);
        Assert.Equal("s@cret", builder.Password);
        Assert.Equal("quickstep", builder.Database);
        Assert.Equal(20, builder.MaxPoolSize);
        Assert.Equal("Host=h;Database=d", PostgresDatabase.ToConnectionString("Host=h;Database=d"));
    }
}
