using System.Data.Common;

namespace Quickstep.Storage.Rows;

/// <summary>Reading a command's rows and paging them, the same for every dialect (System.Data.Common).</summary>
internal static class DbReads
{
    public static async Task<T?> ReadOneAsync<TReader, T>(DbCommand command, Func<TReader, T> read, CancellationToken ct)
        where TReader : DbDataReader
        where T : class
    {
        await using var reader = (TReader)await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null;
    }

    public static async Task<List<T>> ReadAllAsync<TReader, T>(DbCommand command, Func<TReader, T> read, CancellationToken ct)
        where TReader : DbDataReader
    {
        await using var reader = (TReader)await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            list.Add(read(reader));
        return list;
    }

    /// <summary>A keyset page from limit + 1 rows: the extra row only says that more follow; the next key is the last item's.</summary>
    public static StorePage<T> Page<T>(IReadOnlyList<(T Item, string Key)> rows, int limit)
    {
        if (rows.Count <= limit)
            return new StorePage<T>(rows.Select(r => r.Item).ToList(), null);
        return new StorePage<T>(rows.Take(limit).Select(r => r.Item).ToList(), rows[limit - 1].Key);
    }

    /// <summary>A keyset page from limit + 1 items; the next key is that of the page's last item.</summary>
    public static StorePage<T> Page<T>(IReadOnlyList<T> items, int limit, Func<T, string> key) =>
        items.Count <= limit ? new StorePage<T>(items, null) : new StorePage<T>(items.Take(limit).ToList(), key(items[limit - 1]));

    public static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static DateTimeOffset Date(DbDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    public static DateTimeOffset? NullableDate(DbDataReader r, int i) => r.IsDBNull(i) ? null : Date(r, i);
}
