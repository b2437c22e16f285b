using Npgsql;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// One PostgreSQL database shared by every store of a node (and by every node of a cluster): the connection
/// pool and the versioned schema migrations. Each store owns a migration module (e.g. "core", "sqs") whose
/// steps run in order, once, under an advisory lock, so nodes starting together migrate once.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    // Any constant: serialises migrations across the nodes that start at the same time.
    private const long MigrationLockKey = 0x5155_4943_4B53_5450;

    private PostgresDatabase(NpgsqlDataSource dataSource, string connectionString)
    {
        DataSource = dataSource;
        ConnectionString = connectionString;
    }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// Opens a database from a connection string (<c>Host=…;Port=…;Username=…;Database=…</c>) or a URL
    /// (<c>postgres://user:password@host:port/database</c>, as <c>--store</c> takes it).
    /// </summary>
    public static PostgresDatabase Open(string connectionStringOrUrl)
    {
        var connectionString = ToConnectionString(connectionStringOrUrl);
        return new PostgresDatabase(NpgsqlDataSource.Create(connectionString), connectionString);
    }

    /// <summary>A <c>postgres://</c> or <c>postgresql://</c> URL as an Npgsql connection string; anything else is returned as it is.</summary>
    public static string ToConnectionString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return value;
        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
            builder.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                builder[Uri.UnescapeDataString(pair[..eq])] = Uri.UnescapeDataString(pair[(eq + 1)..]);
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Applies the steps of <paramref name="module"/> not applied yet, in order, each in its own transaction with
    /// its version recorded. Step i (0-based) is version i + 1; steps are never edited once shipped, only appended.
    /// </summary>
    public async Task MigrateAsync(string module, IReadOnlyList<string> steps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS quickstep_schema (module text PRIMARY KEY, version integer NOT NULL)", connection))
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            int applied;
            await using (var read = new NpgsqlCommand("SELECT version FROM quickstep_schema WHERE module = @module", connection))
            {
                read.Parameters.AddWithValue("module", module);
                applied = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int v ? v : 0;
            }

            for (var i = applied; i < steps.Count; i++)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var step = new NpgsqlCommand(steps[i], connection, transaction))
                    await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO quickstep_schema (module, version) VALUES (@module, @version) ON CONFLICT (module) DO UPDATE SET version = excluded.version", connection, transaction))
                {
                    record.Parameters.AddWithValue("module", module);
                    record.Parameters.AddWithValue("version", i + 1);
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", MigrationLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The schema version of a module (0 when none of its steps ran).</summary>
    public async Task<int> SchemaVersionAsync(string module, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand("SELECT version FROM quickstep_schema WHERE module = @module");
        command.Parameters.AddWithValue("module", module);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int v ? v : 0;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
