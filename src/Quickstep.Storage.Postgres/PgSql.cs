using Npgsql;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>Commands with named parameters (a null value is SQL NULL) and readers into lists, for the stores of this project.</summary>
internal static class PgSql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] args)
    {
#pragma warning disable CA2100 // every statement is a constant of its store; values go through parameters.
        var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        foreach (var (name, value) in args)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static async Task<int> ExecAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var command = Command(connection, transaction, sql, args);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<int> ExecAsync(PostgresDatabase database, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await ExecAsync(connection, null, sql, ct, args).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var command = Command(connection, transaction, sql, args);
        var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var command = Command(connection, transaction, sql, args);
        return await DbReads.ReadAllAsync(command, read, ct).ConfigureAwait(false);
    }

    public static async Task<List<T>> QueryAsync<T>(PostgresDatabase database, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await QueryAsync(connection, null, sql, read, ct, args).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on a connection of its own and commits it.</summary>
    public static async Task<T> InTransactionAsync<T>(PostgresDatabase database, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    public static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long Ms(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
