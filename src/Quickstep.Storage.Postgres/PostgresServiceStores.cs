namespace Quickstep.Storage.Postgres;

/// <summary>
/// Every service store of one node on one shared database, migrated and ready, with the one notification listener
/// they share. The server builds it once at start (<see cref="CreateAsync"/>) and hands each service its store.
/// </summary>
public sealed class PostgresServiceStores : IAsyncDisposable
{
    private PostgresServiceStores(PostgresDatabase database, PostgresServiceStoreOptions options)
    {
        Notifications = new PostgresNotifications(database, options.TimeProvider);
        MessageQueues = new PostgresMessageQueueStore(database, Notifications);
        Topics = new PostgresTopicStore(database);
        EventBuses = new PostgresEventBusStore(database, options);
        EventRules = new PostgresEventRuleStore(database);
        Schedules = new PostgresScheduleStore(database, options);
        Pipes = new PostgresPipeStore(database);
        GlueJobs = new PostgresGlueJobStore(database);
        Connections = new PostgresConnectionStore(database);
        Objects = new PostgresObjectStore(database);
        ObjectBodies = new PostgresObjectBodyStore(database, options.TimeProvider, options.UnreferencedBodyGrace);
    }

    public PostgresNotifications Notifications { get; }

    public PostgresMessageQueueStore MessageQueues { get; }

    public PostgresTopicStore Topics { get; }

    public PostgresEventBusStore EventBuses { get; }

    public PostgresEventRuleStore EventRules { get; }

    public PostgresScheduleStore Schedules { get; }

    public PostgresPipeStore Pipes { get; }

    public PostgresGlueJobStore GlueJobs { get; }

    public PostgresConnectionStore Connections { get; }

    public PostgresObjectStore Objects { get; }

    /// <summary>S3 object bodies (their table is created with <see cref="Objects"/>).</summary>
    public PostgresObjectBodyStore ObjectBodies { get; }

    /// <summary>Creates every store on <paramref name="database"/> and applies their migrations (each once across nodes starting together).</summary>
    public static async Task<PostgresServiceStores> CreateAsync(PostgresDatabase database, PostgresServiceStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var stores = new PostgresServiceStores(database, options ?? new PostgresServiceStoreOptions());
        try
        {
            await stores.MessageQueues.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await stores.Topics.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await stores.EventBuses.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await stores.EventRules.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await stores.Schedules.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await stores.Pipes.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await stores.GlueJobs.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await stores.Connections.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await stores.Objects.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return stores;
        }
        catch
        {
            await stores.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the notification listener; the database (and its pool) stays open for its owner to close.</summary>
    public ValueTask DisposeAsync() => Notifications.DisposeAsync();
}
