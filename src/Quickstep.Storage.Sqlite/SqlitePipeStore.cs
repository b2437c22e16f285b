using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge Pipes definitions in the server's SQLite file.</summary>
public sealed class SqlitePipeStore : IPipeStore
{
    private readonly SqliteStore _store;

    public SqlitePipeStore(SqliteStore store) => _store = store;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("""
            CREATE TABLE IF NOT EXISTS pipes(
                name TEXT PRIMARY KEY, arn TEXT NOT NULL, desired_state TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
                json TEXT NOT NULL, creation_time INTEGER NOT NULL, update_time INTEGER NOT NULL);
            """), cancellationToken);

    public Task<bool> TryCreatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return _store.WriteAsync(w => w.Exec(PipeRows.Insert, PipeRows.Args(pipe)) > 0, cancellationToken);
    }

    public async Task<PipeRecord?> GetPipeAsync(string name, CancellationToken cancellationToken = default) =>
        (await _store.Database.QueryAsync(PipeRows.SelectOne, PipeRows.Read, cancellationToken, PipeRows.Name(name)).ConfigureAwait(false)).FirstOrDefault();

    public Task<bool> UpdatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return _store.WriteAsync(w => w.Exec(PipeRows.Update, PipeRows.Args(pipe)) > 0, cancellationToken);
    }

    public Task<bool> DeletePipeAsync(string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(PipeRows.Delete, PipeRows.Name(name)) > 0, cancellationToken);

    public async Task<IReadOnlyList<PipeRecord>> ListPipesAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.QueryAsync(PipeRows.SelectAll, PipeRows.Read, cancellationToken).ConfigureAwait(false);
}
