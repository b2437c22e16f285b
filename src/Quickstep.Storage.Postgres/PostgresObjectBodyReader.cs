using Npgsql;
using Quickstep.Storage.Objects;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// A range of one body, read chunk by chunk (one query per chunk, each row streamed) in a REPEATABLE READ transaction: every
/// chunk comes from the snapshot the first one was read in. Disposing it ends the transaction and returns the connection.
/// </summary>
internal sealed class PostgresObjectBodyReader(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, long position, long end) : ReadOnlyStream
{
    private const int ChunkSize = PostgresObjectBodyStore.ChunkSize;
    private long _position = position;
    private NpgsqlCommand? _command;
    private NpgsqlDataReader? _rows;
    private Stream? _chunk;
    private bool _disposed;

    /// <summary>Starts reading the chunk that holds the current position; false when the body has no such chunk.</summary>
    internal async Task<bool> StartAsync(CancellationToken ct)
    {
        await CloseChunkAsync().ConfigureAwait(false);
        var skip = _position % ChunkSize;
        var take = Math.Min(ChunkSize - skip, end - _position);
        _command = PgSql.Command(connection, transaction, "SELECT substring(data from @s for @n) FROM s3_bodies WHERE file_id=@f AND chunk=@c",
            ("f", id), ("c", (int)(_position / ChunkSize)), ("s", (int)skip + 1), ("n", (int)take));
        _rows = await _command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct).ConfigureAwait(false);
        if (!await _rows.ReadAsync(ct).ConfigureAwait(false))
            return false;
        _chunk = await _rows.GetStreamAsync(0, ct).ConfigureAwait(false);
        return true;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= end)
            return 0;
        while (true)
        {
            var n = await _chunk!.ReadAsync(buffer[..(int)Math.Min(buffer.Length, end - _position)], cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                _position += n;
                return n;
            }

            // Every chunk but the last is full, so a chunk that ends before the range does ends on a chunk boundary.
            if (_position % ChunkSize != 0 || !await StartAsync(cancellationToken).ConfigureAwait(false))
                throw new IOException($"The body '{id}' ends at byte {_position}, before the {end} its record promises.");
        }
    }

    // Callers read bodies asynchronously; a synchronous read (a library that insists) waits for the asynchronous one.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    private async ValueTask CloseChunkAsync()
    {
        if (_chunk is not null)
            await _chunk.DisposeAsync().ConfigureAwait(false);
        if (_rows is not null)
            await _rows.DisposeAsync().ConfigureAwait(false);
        if (_command is not null)
            await _command.DisposeAsync().ConfigureAwait(false);
        (_chunk, _rows, _command) = (null, null, null);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        // Stream's DisposeAsync calls Dispose(true), which comes back here: the flag ends that loop.
        if (_disposed)
            return;
        _disposed = true;
        await CloseChunkAsync().ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
