using System.Data.Common;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// Statements on the store's file: writes through its one writer, reads on a pooled connection (for tables only awaited
/// writes change); <c>schema</c> creates the tables when missing.
/// </summary>
internal sealed class SqliteStatements(SqliteStore store, string schema) : StoreSql
{
    public override Task CreateTablesAsync(CancellationToken ct) => store.WriteAsync(w => w.Exec(schema), ct);

    public override Task<int> ExecAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] args) =>
        store.WriteAsync(w => w.Exec(sql, args), ct);

    public override Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args) =>
        store.Database.QueryAsync(sql, read, ct, args);
}
