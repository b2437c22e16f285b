using Npgsql;
using NpgsqlTypes;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>Typed positional parameters ($1, $2, …) and reads over the data source: every statement is a constant of the stores.</summary>
internal static class PostgresSql
{
    public static (NpgsqlDbType Type, object? Value) Text(string? value) => (NpgsqlDbType.Text, value);

    public static (NpgsqlDbType Type, object? Value) Long(long? value) => (NpgsqlDbType.Bigint, value);

    public static (NpgsqlDbType Type, object? Value) Int(int? value) => (NpgsqlDbType.Integer, value);

    public static (NpgsqlDbType Type, object? Value) Bool(bool value) => (NpgsqlDbType.Boolean, value);

    public static long Ms(DateTimeOffset d) => d.ToUnixTimeMilliseconds();

    public static DateTimeOffset Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static void Bind(NpgsqlParameterCollection parameters, (NpgsqlDbType Type, object? Value)[] args)
    {
        foreach (var (type, value) in args)
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
    }

    public static NpgsqlCommand Command(NpgsqlDataSource source, string sql, (NpgsqlDbType, object?)[] args)
    {
#pragma warning disable CA2100 // every statement is a constant of the stores; values go through parameters.
        var command = source.CreateCommand(sql);
#pragma warning restore CA2100
        Bind(command.Parameters, args);
        return command;
    }

    public static async Task<int> ExecAsync(NpgsqlDataSource source, string sql, CancellationToken ct, params (NpgsqlDbType, object?)[] args)
    {
        await using var command = Command(source, sql, args);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<T?> ReadOneAsync<T>(NpgsqlDataSource source, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params (NpgsqlDbType, object?)[] args)
        where T : class
    {
        await using var command = Command(source, sql, args);
        return await DbReads.ReadOneAsync(command, read, ct).ConfigureAwait(false);
    }

    public static async Task<List<T>> ReadManyAsync<T>(NpgsqlDataSource source, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params (NpgsqlDbType, object?)[] args)
    {
        await using var command = Command(source, sql, args);
        return await DbReads.ReadAllAsync(command, read, ct).ConfigureAwait(false);
    }

    /// <summary>A keyset page: the statement's last parameter is the LIMIT (<see cref="DbReads.Page"/>).</summary>
    public static async Task<StorePage<T>> ReadPageAsync<T>(NpgsqlDataSource source, string sql, Func<NpgsqlDataReader, (T Item, string Key)> read, int limit, CancellationToken ct, params (NpgsqlDbType, object?)[] args) =>
        DbReads.Page(await ReadManyAsync(source, sql, read, ct, [.. args, Int(limit + 1)]).ConfigureAwait(false), limit);
}
