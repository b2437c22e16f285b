using Quickstep.Storage.Sqlite;

namespace Quickstep.Storage.Tests;

/// <summary>A real SQLite file in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempDatabase : IStoreDatabase
{
    private readonly string _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qs-store-" + Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(_dir, "nested", "q.db");

    public async Task<SqliteStore> OpenAsync(int purgeBatchSize = 500)
    {
        var store = new SqliteStore(new SqliteStoreOptions { Path = Path, PurgeBatchSize = purgeBatchSize });
        await store.InitializeAsync();
        return store;
    }

    async Task<IQuickstepStore> IStoreDatabase.OpenAsync() => await OpenAsync();

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }
}
