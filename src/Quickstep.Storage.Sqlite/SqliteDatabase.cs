using Microsoft.Data.Sqlite;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// The database every aggregate store of <see cref="SqliteStore"/> shares: one SQLite file in WAL mode, its
/// one writer (<see cref="SqliteWriter"/>, group commit) and pooled read connections.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private SqliteWriter? _writer;

    private readonly long _walSizeLimit;

    public SqliteDatabase(string path, long walSizeLimitBytes = 64L * 1024 * 1024)
    {
        _walSizeLimit = walSizeLimitBytes;
        var full = Path.GetFullPath(path);
        CreateOwnerOnly(full);
        DatabasePath = full;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>
    /// Executions' inputs and outputs are other people's data: a folder the store creates is the owner's alone (0700)
    /// and the database file is created 0600 (SQLite gives its -wal and -shm files the database file's mode). An
    /// existing file readable by others is narrowed to 0600; an existing folder is left as its owner made it.
    /// </summary>
    private static void CreateOwnerOnly(string file)
    {
        var dir = Path.GetDirectoryName(file);
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(dir))
                Directory.CreateDirectory(dir);
            return;
        }

        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(file))
        {
            try
            {
                using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process created it first; narrowed below.
            }
        }

        foreach (var name in new[] { file, file + "-wal", file + "-shm" })
        {
            if (File.Exists(name) && (File.GetUnixFileMode(name) & ~OwnerOnly) != 0)
                File.SetUnixFileMode(name, OwnerOnly);
        }
    }

    public SqliteWriter Writer => _writer ?? throw new InvalidOperationException("SqliteStore.InitializeAsync was not called, or the store is disposed.");

    /// <summary>Creates the schema, runs <paramref name="beforeStart"/> on the writer's connection (state the writer keeps in memory), then starts the writer.</summary>
    public async Task InitializeAsync(Action<SqliteBatch> beforeStart, CancellationToken ct)
    {
        await using (var c = await OpenAsync(ct).ConfigureAwait(false))
        {
            await ExecAsync(c, null, SqliteSchema.Create, ct).ConfigureAwait(false);
            foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
            {
                if (await ScalarAsync(c, null, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name=$n", ct, ("$n", column)).ConfigureAwait(false) is 0L)
                    await ExecAsync(c, null, $"ALTER TABLE {table} ADD COLUMN {column} {definition}", ct).ConfigureAwait(false);
            }
        }

        var writer = new SqliteWriter(_connectionString, DatabasePath + "-wal", _walSizeLimit);
        beforeStart(writer.Batch);
        writer.Start();
        _writer = writer;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        return c;
    }

    public Task<T> WriteAsync<T>(Func<SqliteBatch, T> work, CancellationToken ct, Action? afterCommit = null) => Writer.WriteAsync(work, ct, afterCommit);

    /// <summary>Before every read: the write-behinds queued before it are committed, so that a read sees them.</summary>
    public Task FlushAsync(CancellationToken ct) => Writer.FlushAsync(ct);

    public async Task<T?> ReadOneAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string, object?)[] args)
        where T : class
    {
        await FlushAsync(ct).ConfigureAwait(false);
        await using var c = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = Command(c, null, sql, args);
        return await DbReads.ReadOneAsync(cmd, read, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<T>> ReadManyAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string, object?)[] args)
    {
        await FlushAsync(ct).ConfigureAwait(false);
        return await QueryAsync(sql, read, ct, args).ConfigureAwait(false);
    }

    /// <summary>Every row, without waiting for the write-behinds (for tables only awaited writes change).</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string, object?)[] args)
    {
        await using var c = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = Command(c, null, sql, args);
        return await DbReads.ReadAllAsync(cmd, read, ct).ConfigureAwait(false);
    }

    /// <summary>A page read with limit + 1 rows (<see cref="DbReads.Page"/>).</summary>
    public async Task<StorePage<T>> ReadPageAsync<T>(string sql, Func<SqliteDataReader, (T Item, string Key)> read, int limit, CancellationToken ct, params (string, object?)[] args) =>
        DbReads.Page(await ReadManyAsync(sql, read, ct, [.. args, ("$limit", limit + 1)]).ConfigureAwait(false), limit);

    public static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // every statement is a constant of the stores; values go through parameters.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in args)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    public static async Task<int> ExecAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    public static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long Ms(DateTimeOffset d) => d.ToUnixTimeMilliseconds();

    public static DateTimeOffset Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        SqliteConnection.ClearAllPools();
    }
}
