using Quickstep.Engine;

namespace Quickstep.Storage.Tests;

/// <summary>The store contract on SQLite, and what only SQLite has (databases from older schemas).</summary>
public sealed class SqliteStoreTests : StoreContractTests
{
    protected override IStoreDatabase CreateDatabase() => new TempDatabase();

    [Fact]
    public async Task History_StoredOneRowPerEventBefore_IsStillRead()
    {
        await using var db = new TempDatabase();
        await using (var store = await db.OpenAsync())
            await store.TryInsertExecutionAsync(Execution("old", T0), enqueue: false);
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path}"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO history(execution_arn,id,json) VALUES($a,2,'{"id":2}'),($a,1,'{"id":1}');
                INSERT INTO logs(execution_arn,id,ts,json) VALUES($a,1,$t,'{"id":"1"}');
                """;
            cmd.Parameters.AddWithValue("$a", Execution("old", T0).Arn);
            cmd.Parameters.AddWithValue("$t", T0.ToUnixTimeMilliseconds());
            await cmd.ExecuteNonQueryAsync();
        }

        await using var reopened = await db.OpenAsync();
        Assert.Equal([new HistoryRecord(1, "{\"id\":1}"), new HistoryRecord(2, "{\"id\":2}")], await reopened.GetHistoryAsync(Execution("old", T0).Arn));
        Assert.Equal([new LogRecord(1, T0, "{\"id\":\"1\"}")], await reopened.GetLogsAsync(Execution("old", T0).Arn));
    }

    [Fact]
    public async Task Executions_DatabaseFromBeforeLogLevel_GainsTheColumnsAndKeepsTheLevel()
    {
        await using var db = new TempDatabase();
        await using (var store = await db.OpenAsync())
            await store.TryInsertExecutionAsync(Execution("old", T0), enqueue: false);
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path}"))
        {
            // The executions table as it was before log_level and log_data.
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "ALTER TABLE executions DROP COLUMN log_level; ALTER TABLE executions DROP COLUMN log_data;";
            await cmd.ExecuteNonQueryAsync();
        }

        await using var reopened = await db.OpenAsync();
        Assert.Null((await reopened.GetExecutionAsync(Execution("old", T0).Arn))?.LogLevel);
        var done = Execution("old", T0) with { Status = ExecutionStatus.Succeeded, StopDate = T0, LogLevel = "ERROR", LogIncludesExecutionData = true };
        await reopened.CompleteExecutionAsync(done, [new HistoryRecord(1, "{}")], []);
        Assert.Equal(done, await reopened.GetExecutionAsync(done.Arn));
        Assert.Empty(await reopened.GetLogsAsync(done.Arn));
    }
}
