using System.Buffers;
using Npgsql;
using NpgsqlTypes;
using Quickstep.Storage.Objects;

namespace Quickstep.Storage.Postgres;

/// <summary>One body being written: full chunks are inserted as they fill, in one transaction committed by <see cref="CompleteAsync"/>.</summary>
internal sealed class PostgresObjectBodyWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, TimeProvider clock) : IObjectBodyWriter
{
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(PostgresObjectBodyStore.ChunkSize);
    private int _filled;
    private int _chunks;
    private long _length;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PostgresObjectBodyWriter));
        while (!data.IsEmpty)
        {
            var n = Math.Min(data.Length, PostgresObjectBodyStore.ChunkSize - _filled);
            data.Span[..n].CopyTo(buffer.AsSpan(_filled));
            _filled += n;
            _length += n;
            data = data[n..];
            if (_filled == PostgresObjectBodyStore.ChunkSize)
                await InsertChunkAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<long> CompleteAsync(CancellationToken cancellationToken = default)
    {
        // An empty body is one empty chunk: a stored body always has chunk 0, which is how a read tells it from a missing one.
        if (_filled > 0 || _chunks == 0)
            await InsertChunkAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return _length;
    }

    private async Task InsertChunkAsync(CancellationToken ct)
    {
        await using var insert = PgSql.Command(connection, transaction, "INSERT INTO s3_bodies(file_id,chunk,data,written) VALUES(@f,@c,@d,@w)",
            ("f", id), ("c", _chunks), ("w", PgSql.Ms(clock.GetUtcNow())));
        insert.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Bytea) { Value = new ArraySegment<byte>(_buffer!, 0, _filled) });
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        _chunks++;
        _filled = 0;
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing a transaction that was not committed rolls it back: nothing of the body is kept.
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
