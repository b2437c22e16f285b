using Quickstep.Storage.Rows;

namespace Quickstep.Storage;

/// <summary>
/// A store whose statements are the same in SQLite and PostgreSQL (parameters named <c>@name</c>, which both take): it runs
/// them through <see cref="Sql"/>, which also creates the dialect's tables; a dialect's subclass names its tables and adds
/// what its dialect does differently.
/// </summary>
public abstract class SqlStore
{
    private protected SqlStore(StoreSql sql) => Sql = sql;

    private protected StoreSql Sql { get; }

    /// <summary>Creates the tables when missing (SQLite) or applies the migrations (PostgreSQL).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Sql.CreateTablesAsync(cancellationToken);
}
