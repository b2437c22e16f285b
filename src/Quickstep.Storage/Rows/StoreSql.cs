using System.Data.Common;

namespace Quickstep.Storage.Rows;

/// <summary>
/// How a dialect creates a store's tables and runs one statement on its own (SQLite through its one writer, PostgreSQL on a pooled connection), so
/// that stores whose statements are the same in both are written once. Statements name parameters <c>@name</c>,
/// which both dialects take.
/// </summary>
internal abstract class StoreSql
{
    /// <summary>Creates the store's tables (SQLite) or applies its migrations (PostgreSQL).</summary>
    public abstract Task CreateTablesAsync(CancellationToken ct);

    /// <summary>Runs a statement that writes; the number of rows it changed.</summary>
    public abstract Task<int> ExecAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] args);

    /// <summary>Every row of a query, read with <paramref name="read"/>.</summary>
    public abstract Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args);
}
