using Quickstep.Storage.Postgres;
using Quickstep.Storage.Tests.Contracts;

namespace Quickstep.Storage.Tests.Postgres;

/// <summary>A fresh database on the test run's PostgreSQL; each <see cref="OpenAsync"/> is a node with a pool of its own.</summary>
internal sealed class PostgresServiceStoreHost(string connectionString, PostgresServiceStoreOptions? options = null) : IServiceStoreHost
{
    public static async Task<PostgresServiceStoreHost> CreateAsync(PostgresServiceStoreOptions? options = null) =>
        new(await PostgresServer.CreateDatabaseAsync(), options);

    /// <summary>The database's connection string, for a test that looks at its tables.</summary>
    public string ConnectionString => connectionString;

    public async Task<ServiceStoreSet> OpenAsync() => (await OpenNodeAsync()).Set;

    /// <summary>A node: its stores as the PostgreSQL types (for the cluster operations) and as the contract's set.</summary>
    public async Task<(PostgresServiceStores Stores, ServiceStoreSet Set)> OpenNodeAsync()
    {
        var db = PostgresDatabase.Open(connectionString);
        var stores = await PostgresServiceStores.CreateAsync(db, options);
        return (stores, new ServiceStoreSet(stores.MessageQueues, stores.Topics, stores.EventBuses, stores.EventRules, stores.Schedules, stores.Pipes,
            stores.GlueJobs, stores.Connections, stores.Objects, stores.ObjectBodies, async () =>
            {
                await stores.DisposeAsync();
                await db.DisposeAsync();
            }));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
