using System.Data.Common;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// Statements on a pooled connection of the database, each committed on its own; the tables are the migrations
/// <c>migrations</c> of <c>module</c>.
/// </summary>
internal sealed class PostgresStatements(PostgresDatabase database, string module, IReadOnlyList<string> migrations) : StoreSql
{
    private readonly PostgresDatabase _db = database ?? throw new ArgumentNullException(nameof(database));

    public override Task CreateTablesAsync(CancellationToken ct) => _db.MigrateAsync(module, migrations, ct);

    public override Task<int> ExecAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] args) =>
        PgSql.ExecAsync(_db, sql, ct, args);

    public override Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args) =>
        PgSql.QueryAsync(_db, sql, read, ct, args);
}
