using static Quickstep.Storage.Postgres.PostgresSql;

namespace Quickstep.Storage.Postgres;

/// <summary>Leader leases in quickstep_leases (name, holder, expires_at), on the store's clock: one upsert takes, renews or refuses.</summary>
public sealed class PostgresLeaseStore : ILeaseStore
{
    private readonly PostgresDatabase _db;
    private readonly PostgresStoreOptions _options;

    public PostgresLeaseStore(PostgresDatabase database, PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _db = database;
        _options = options;
    }

    public TimeSpan Duration => _options.LeaseDuration;

    /// <summary>Applies the "core" migrations (the table is part of them).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _db.MigrateAsync(PostgresCoreSchema.Module, PostgresCoreSchema.Steps, cancellationToken);

    public async Task<bool> TryHoldAsync(string name, CancellationToken cancellationToken = default)
    {
        var now = Ms(_options.TimeProvider.GetUtcNow());
        var held = await ReadManyAsync(_db.DataSource, """
            INSERT INTO quickstep_leases(name, holder, expires_at) VALUES($1,$2,$3)
            ON CONFLICT (name) DO UPDATE SET holder=excluded.holder, expires_at=excluded.expires_at
            WHERE quickstep_leases.holder = excluded.holder OR quickstep_leases.expires_at < $4
            RETURNING holder
            """, r => r.GetString(0), cancellationToken,
            Text(name), Text(_options.NodeId), Long(now + (long)_options.LeaseDuration.TotalMilliseconds), Long(now)).ConfigureAwait(false);
        return held.Count == 1;
    }

    public Task ReleaseAsync(string name, CancellationToken cancellationToken = default) =>
        ExecAsync(_db.DataSource, "DELETE FROM quickstep_leases WHERE name=$1 AND holder=$2", cancellationToken, Text(name), Text(_options.NodeId));
}
