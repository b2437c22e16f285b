using System.Text;
using System.Text.Json;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// One keyset page of a stored history (<c>[[id, event], …]</c>, see <c>SqliteExecutionStore.EncodeHistory</c>) read
/// from a stream item by item: memory holds one buffer and the page, never the whole history; a forward page stops
/// reading as soon as it is full.
/// </summary>
internal static class HistoryPageReader
{
    private const int InitialBuffer = 64 * 1024;

    public static async Task<IReadOnlyList<HistoryRecord>> ReadAsync(Stream stream, long? afterId, int limit, bool reverse, CancellationToken ct)
    {
        var page = new List<HistoryRecord>();
        // Reverse: the last `limit` events before afterId, kept in a ring while the whole array is read.
        var ring = reverse ? new Queue<HistoryRecord>(Math.Min(limit, 1024) + 1) : null;
        var buffer = new byte[InitialBuffer];
        var length = 0;
        var final = false;
        var state = default(JsonReaderState);
        var done = false;
        while (!done)
        {
            if (!final)
            {
                if (length == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                length += read;
                final = read == 0;
            }

            var consumed = Scan(buffer.AsSpan(0, length), final, ref state, afterId, limit, reverse, page, ring, out done);
            if (!done && final && consumed == 0)
                throw new JsonException("The stored history ends early.");
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
        }

        if (ring is null)
            return page;
        var last = ring.ToList();
        last.Reverse();
        return last;
    }

    /// <summary>Reads the complete items in <paramref name="data"/>; returns the bytes consumed (up to the last complete item).</summary>
    private static int Scan(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, long? afterId, int limit, bool reverse, List<HistoryRecord> page, Queue<HistoryRecord>? ring, out bool done)
    {
        done = false;
        var reader = new Utf8JsonReader(data, final, state);
        var consumed = 0;
        while (true)
        {
            var checkpoint = reader;
            if (!reader.Read())
            {
                reader = checkpoint;
                break;
            }

            if (reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth == 0)
            {
                consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                continue;
            }

            if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 0)
            {
                done = true;
                return (int)reader.BytesConsumed;
            }

            // An item: [id, event].
            var start = (int)reader.TokenStartIndex;
            if (!reader.TrySkip())
            {
                reader = checkpoint;
                break;
            }

            var item = data[start..(int)reader.BytesConsumed];
            consumed = (int)reader.BytesConsumed;
            state = reader.CurrentState;
            var id = ReadId(item, out var eventStart);
            if (afterId is long after && (reverse ? id >= after : id <= after))
            {
                if (reverse)
                {
                    // Ids grow along the array: nothing after this one can be before afterId.
                    done = true;
                    return consumed;
                }

                continue;
            }

            var record = new HistoryRecord(id, Encoding.UTF8.GetString(item[eventStart..^1]));
            if (ring is not null)
            {
                ring.Enqueue(record);
                if (ring.Count > limit)
                    ring.Dequeue();
                continue;
            }

            page.Add(record);
            if (page.Count >= limit)
            {
                done = true;
                return consumed;
            }
        }

        return consumed;
    }

    private static long ReadId(ReadOnlySpan<byte> item, out int eventStart)
    {
        var r = new Utf8JsonReader(item);
        r.Read(); // [
        r.Read(); // id
        var id = r.GetInt64();
        r.Read(); // the event
        eventStart = (int)r.TokenStartIndex;
        return id;
    }
}
