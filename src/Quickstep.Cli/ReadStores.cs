using Npgsql;
using Quickstep.Server.Hosting;
using Quickstep.Storage;
using Quickstep.Storage.Postgres;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Cli;

/// <summary>
/// The stores the reporting commands (<c>usage</c>, <c>triggers</c>) read: the SQLite file of <c>--db</c>, or the PostgreSQL
/// database of <c>--store</c> (the URL <c>serve</c> takes). On PostgreSQL nothing is migrated and no node lease is taken
/// (closing the core store still tells the nodes that its unregistered node id left, which costs them one early heartbeat):
/// the command only reads what the nodes wrote, and finds nothing to read in a database no node has served.
/// </summary>
internal sealed class ReadStores : IAsyncDisposable
{
    private readonly StoreSet? _sqlite;
    private readonly PostgresDatabase? _postgres;
    private PostgresStore? _core;

    private ReadStores(StoreSet sqlite) => _sqlite = sqlite;

    private ReadStores(PostgresDatabase postgres) => _postgres = postgres;

    /// <summary>Executions and usage.</summary>
    public IQuickstepStore Core => _sqlite?.Core ?? (_core ??= new PostgresStore(_postgres!, new PostgresStoreOptions()));

    public IEventRuleStore EventRules { get; private init; } = null!;

    public IScheduleStore Schedules { get; private init; } = null!;

    public IPipeStore Pipes { get; private init; } = null!;

    /// <summary>Opens the store of <paramref name="store"/> (a PostgreSQL URL) or else of <paramref name="db"/>; null (the reason written to <paramref name="stderr"/>) when there is none.</summary>
    public static async Task<ReadStores?> OpenAsync(string command, string? store, string db, TextWriter stderr)
    {
        if (store is null)
        {
            if (!File.Exists(db))
            {
                await stderr.WriteLineAsync($"quickstep {command}: no database at {db} (start `quickstep serve --db {db}` first)").ConfigureAwait(false);
                return null;
            }

            var sqlite = await StoreSet.OpenSqliteAsync(db).ConfigureAwait(false);
            var stores = new ReadStores(sqlite) { EventRules = sqlite.EventRules, Schedules = sqlite.Schedules, Pipes = sqlite.Pipes };
            // The SQLite file creates these tables when first used: a server that never used them has none.
            await stores.EventRules.InitializeAsync().ConfigureAwait(false);
            await stores.Schedules.InitializeAsync().ConfigureAwait(false);
            await stores.Pipes.InitializeAsync().ConfigureAwait(false);
            return stores;
        }

        if (!StoreSet.IsPostgres(store))
        {
            await stderr.WriteLineAsync($"quickstep {command}: --store '{store}' is not a PostgreSQL URL (postgres://user@host:port/database); leave it out for the SQLite file (--db).").ConfigureAwait(false);
            return null;
        }

        PostgresDatabase database;
        try
        {
            database = PostgresDatabase.Open(store);
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"quickstep {command}: --store: {e.Message}").ConfigureAwait(false);
            return null;
        }

        int version;
        try
        {
            version = await database.SchemaVersionAsync("core").ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            version = 0;
        }
        catch (NpgsqlException e)
        {
            await database.DisposeAsync().ConfigureAwait(false);
            await stderr.WriteLineAsync($"quickstep {command}: cannot read {Describe(database)}: {e.Message}").ConfigureAwait(false);
            return null;
        }

        if (version == 0)
        {
            await stderr.WriteLineAsync($"quickstep {command}: no Quickstep database at {Describe(database)} (start `quickstep serve --store {store}` first)").ConfigureAwait(false);
            await database.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        var options = new PostgresServiceStoreOptions();
        return new ReadStores(database) { EventRules = new PostgresEventRuleStore(database), Schedules = new PostgresScheduleStore(database, options), Pipes = new PostgresPipeStore(database) };
    }

    private static string Describe(PostgresDatabase database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"postgres {builder.Host}:{builder.Port}/{builder.Database}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
            await _sqlite.DisposeAsync().ConfigureAwait(false);
        if (_core is not null)
            await _core.DisposeAsync().ConfigureAwait(false);
        if (_postgres is not null)
            await _postgres.DisposeAsync().ConfigureAwait(false);
    }
}
