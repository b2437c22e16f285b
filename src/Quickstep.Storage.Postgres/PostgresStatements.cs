using System.Data.Common;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>Statements on a pooled connection of the database, each committed on its own.</summary>
internal sealed class PostgresStatements(PostgresDatabase database) : StoreSql
{
    public override Task<int> ExecAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] args) =>
        PgSql.ExecAsync(database, sql, ct, args);

    public override Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args) =>
        PgSql.QueryAsync(database, sql, read, ct, args);
}
