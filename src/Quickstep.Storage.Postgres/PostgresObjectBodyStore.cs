using System.Data;
using Npgsql;
using Quickstep.Storage.Objects;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// S3 object bodies in the shared database (the table <c>s3_bodies</c>, created by <see cref="PostgresObjectStore"/>), so that
/// a node reads what another node wrote. A body is rows of <c>bytea</c> chunks of exactly <see cref="ChunkSize"/> bytes (the
/// last one shorter), not large objects: chunk rows go with an ordinary DELETE (a large object needs <c>lo_unlink</c> and
/// outlives its row otherwise), a range is the chunks it covers, and neither a write nor a read holds more than one
/// chunk in memory. A write is one transaction; a read is one REPEATABLE READ transaction, so a body deleted while it is
/// read (its object replaced) is still read to its end.
/// </summary>
public sealed class PostgresObjectBodyStore : IObjectBodyStore
{
    /// <summary>Bytes per body row: large enough that a row's overhead is noise, small enough to stream. Part of the stored format.</summary>
    public const int ChunkSize = 1 << 20;

    private readonly PostgresDatabase _db;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _grace;

    /// <param name="database">The shared database.</param>
    /// <param name="timeProvider">The clock of the chunks' write times. Default the system clock.</param>
    /// <param name="unreferencedGrace">How long a completed body is kept from <see cref="ListSettledIdsAsync"/>. Default 10 minutes.</param>
    public PostgresObjectBodyStore(PostgresDatabase database, TimeProvider? timeProvider = null, TimeSpan? unreferencedGrace = null)
    {
        _db = database ?? throw new ArgumentNullException(nameof(database));
        _clock = timeProvider ?? TimeProvider.System;
        _grace = unreferencedGrace ?? TimeSpan.FromMinutes(10);
    }

    public async Task<IObjectBodyWriter> CreateAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresObjectBodyWriter(connection, transaction, id, _clock);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<Stream?> OpenReadAsync(string id, long offset, long length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        PostgresObjectBodyReader? reader = null;
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            reader = new PostgresObjectBodyReader(connection, transaction, id, offset, offset + length);
            if (await reader.StartAsync(cancellationToken).ConfigureAwait(false))
                return reader;
        }
        catch
        {
            if (reader is not null)
                await reader.DisposeAsync().ConfigureAwait(false);
            else
                await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await reader.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? Task.CompletedTask : PgSql.ExecAsync(_db, "DELETE FROM s3_bodies WHERE file_id = ANY(@f)", cancellationToken, ("f", ids.ToArray()));
    }

    /// <summary>Bodies whose last chunk was written more than the grace period ago (another node's write may be between its body and its record).</summary>
    public async Task<IReadOnlyList<string>> ListSettledIdsAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, "SELECT file_id FROM s3_bodies GROUP BY file_id HAVING max(written) < @cutoff", r => r.GetString(0), cancellationToken,
            ("cutoff", PgSql.Ms(_clock.GetUtcNow() - _grace))).ConfigureAwait(false);
}
