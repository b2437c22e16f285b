using Quickstep.Storage;
using Quickstep.Storage.Objects;
using Quickstep.Storage.Postgres;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Every store of a node, built in one place from the store setting: the SQLite file (one node, the default) or
/// a PostgreSQL database shared by the nodes of a cluster. The server, its services and the commands that read
/// the store take their stores from here.
/// </summary>
public sealed class StoreSet : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private PostgresNotifications? _notifications;

    private StoreSet()
    {
    }

    /// <summary>Executions, state machines, the async queue, usage.</summary>
    public IQuickstepStore Core { get; private set; } = null!;

    /// <summary>Leader leases: work that runs once across the nodes.</summary>
    public ILeaseStore Leases { get; private set; } = LocalLeaseStore.Instance;

    public IMessageQueueStore MessageQueues { get; private set; } = null!;

    public ITopicStore Topics { get; private set; } = null!;

    public IEventBusStore EventBuses { get; private set; } = null!;

    public IEventRuleStore EventRules { get; private set; } = null!;

    public IConnectionStore Connections { get; private set; } = null!;

    public IScheduleStore Schedules { get; private set; } = null!;

    public IPipeStore Pipes { get; private set; } = null!;

    public IGlueJobStore GlueJobs { get; private set; } = null!;

    public IObjectStore Objects { get; private set; } = null!;

    /// <summary>S3 object bodies: files under <see cref="FilesDirectory"/> with SQLite, rows of the shared database with PostgreSQL.</summary>
    public IObjectBodyStore ObjectBodies { get; private set; } = null!;

    /// <summary>The web console's aggregates over the stored executions.</summary>
    public IExecutionStatistics Statistics { get; private set; } = null!;

    /// <summary>Where the node keeps files (Glue runs, S3 bucket notification documents, S3 bodies with SQLite): beside the SQLite database.</summary>
    public string FilesDirectory { get; private set; } = "";

    /// <summary>What the store is, for the log: the SQLite file or the PostgreSQL host and database.</summary>
    public string Description { get; private set; } = "";

    /// <summary>True when other nodes may share the store (PostgreSQL).</summary>
    public bool Shared => Core.LeaseDuration is not null;

    /// <summary>True for a PostgreSQL URL or connection string (<c>postgres://…</c>, <c>postgresql://…</c>, <c>Host=…</c>).</summary>
    public static bool IsPostgres(string? store) =>
        store is not null && (store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || store.Contains("Host=", StringComparison.OrdinalIgnoreCase));

    /// <summary>Opens (and initialises) the stores the options and configuration file choose.</summary>
    public static async Task<StoreSet> OpenAsync(QuickstepServerOptions options, QuickstepConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        var store = options.Store ?? config.Store;
        var set = new StoreSet();
        try
        {
            if (IsPostgres(store))
                await set.OpenPostgresAsync(store!, options, ServerConfiguration.DatabasePath(options, config), cancellationToken).ConfigureAwait(false);
            else if (store is not null)
                throw new QuickstepConfigException($"The store '{store}' is not a PostgreSQL URL (postgres://user@host:port/database); leave it out for the SQLite file (--db).");
            else
                await set.OpenSqliteFileAsync(ServerConfiguration.DatabasePath(options, config), cancellationToken).ConfigureAwait(false);
            return set;
        }
        catch
        {
            await set.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The SQLite file alone (the commands that read a server's database).</summary>
    public static Task<StoreSet> OpenSqliteAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(new QuickstepServerOptions { DatabasePath = path }, QuickstepConfig.Empty, cancellationToken);

    private async Task OpenSqliteFileAsync(string path, CancellationToken ct)
    {
        var sqlite = new SqliteStore(new SqliteStoreOptions { Path = path });
        _owned.Add(sqlite);
        await sqlite.InitializeAsync(ct).ConfigureAwait(false);
        Core = sqlite;
        var statistics = new SqliteExecutionStatistics(sqlite);
        await statistics.InitializeAsync(ct).ConfigureAwait(false);
        Statistics = statistics;
        await UseSqliteServiceStoresAsync(sqlite, ct).ConfigureAwait(false);
        FilesDirectory = Path.GetDirectoryName(sqlite.DatabasePath)!;
        ObjectBodies = new FileObjectBodyStore(Path.Combine(FilesDirectory, "s3"));
        Description = sqlite.DatabasePath;
    }

    private async Task UseSqliteServiceStoresAsync(SqliteStore sqlite, CancellationToken ct)
    {
        var objects = new SqliteObjectStore(sqlite);
        await objects.InitializeAsync(ct).ConfigureAwait(false);
        Objects = objects;
        var queues = new SqliteMessageQueueStore(sqlite);
        await queues.InitializeAsync(ct).ConfigureAwait(false);
        MessageQueues = queues;
        Topics = new SqliteTopicStore(sqlite);
        EventBuses = new SqliteEventBusStore(sqlite);
        EventRules = new SqliteEventRuleStore(sqlite);
        Connections = new SqliteConnectionStore(sqlite);
        Schedules = new SqliteScheduleStore(sqlite);
        Pipes = new SqlitePipeStore(sqlite);
        var glue = new SqliteGlueJobStore(sqlite);
        await glue.InitializeAsync(ct).ConfigureAwait(false);
        GlueJobs = glue;
    }

    private async Task OpenPostgresAsync(string url, QuickstepServerOptions options, string sqlitePath, CancellationToken ct)
    {
        var database = PostgresDatabase.Open(url);
        _owned.Add(database);
        var storeOptions = new PostgresStoreOptions
        {
            NodeId = options.NodeId ?? new PostgresStoreOptions().NodeId,
            LeaseDuration = options.NodeLease,
            TimeProvider = options.TimeProvider,
        };
        var core = new PostgresStore(database, storeOptions);
        _owned.Insert(0, core); // disposed before the database: it commits what is queued first.
        await core.InitializeAsync(ct).ConfigureAwait(false);
        Core = core;
        var statistics = new PostgresExecutionStatistics(database);
        await statistics.InitializeAsync(ct).ConfigureAwait(false);
        Statistics = statistics;
        var leases = new PostgresLeaseStore(database, storeOptions);
        await leases.InitializeAsync(ct).ConfigureAwait(false);
        Leases = leases;
        await UsePostgresServiceStoresAsync(database, options, core.NodeId, sqlitePath, ct).ConfigureAwait(false);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
        Description = $"postgres {builder.Host}:{builder.Port}/{builder.Database} as node {core.NodeId}";
    }

    /// <summary>The services' stores on the same database (queues wake long polls across nodes with LISTEN/NOTIFY, S3 bodies too); Glue's files stay beside --db.</summary>
    private async Task UsePostgresServiceStoresAsync(PostgresDatabase database, QuickstepServerOptions options, string nodeId, string sqlitePath, CancellationToken ct)
    {
        var services = await PostgresServiceStores.CreateAsync(database, new PostgresServiceStoreOptions { TimeProvider = options.TimeProvider, NodeId = nodeId }, ct).ConfigureAwait(false);
        _owned.Insert(0, services); // its listener stops before the database closes.
        _notifications = services.Notifications;
        MessageQueues = services.MessageQueues;
        Topics = services.Topics;
        EventBuses = services.EventBuses;
        EventRules = services.EventRules;
        Connections = services.Connections;
        Schedules = services.Schedules;
        Pipes = services.Pipes;
        GlueJobs = services.GlueJobs;
        Objects = services.Objects;
        ObjectBodies = services.ObjectBodies;
        FilesDirectory = Path.GetDirectoryName(Path.GetFullPath(sqlitePath))!;
        Directory.CreateDirectory(FilesDirectory);
    }

    /// <summary>Calls <paramref name="onLeft"/> when another node sharing the store gives its lease up (it stopped); null with SQLite.</summary>
    public IDisposable? SubscribeToNodesLeaving(Action onLeft) =>
        _notifications?.Subscribe(PostgresStore.NodeLeftTopic, _ => onLeft());

    /// <summary>Calls <paramref name="onStopped"/> with the ARN of each execution a node stops through the store (StopExecution on any node); null with SQLite.</summary>
    public IDisposable? SubscribeToStoppedExecutions(Action<string> onStopped) =>
        _notifications?.Subscribe(PostgresStore.ExecutionStoppedTopic, onStopped);

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
            await owned.DisposeAsync().ConfigureAwait(false);
        _owned.Clear();
    }
}
