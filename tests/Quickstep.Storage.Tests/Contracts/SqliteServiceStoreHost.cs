using Quickstep.Storage.Objects;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Storage.Tests.Contracts;

/// <summary>A SQLite file in a temporary folder.</summary>
internal sealed class SqliteServiceStoreHost : IServiceStoreHost
{
    private readonly TempDatabase _db = new();

    public async Task<ServiceStoreSet> OpenAsync()
    {
        var store = await _db.OpenAsync();
        var queues = new SqliteMessageQueueStore(store);
        await queues.InitializeAsync();
        var glue = new SqliteGlueJobStore(store);
        await glue.InitializeAsync();
        var set = new ServiceStoreSet(queues, new SqliteTopicStore(store), new SqliteEventBusStore(store), new SqliteEventRuleStore(store), new SqliteScheduleStore(store),
            new SqlitePipeStore(store), glue, new SqliteConnectionStore(store), new SqliteObjectStore(store),
            new FileObjectBodyStore(Path.Combine(Path.GetDirectoryName(_db.Path)!, "s3")), store.DisposeAsync);
        await set.Topics.InitializeAsync();
        await set.EventBuses.InitializeAsync();
        await set.EventRules.InitializeAsync();
        await set.Schedules.InitializeAsync();
        await set.Pipes.InitializeAsync();
        await set.Connections.InitializeAsync();
        await set.Objects.InitializeAsync();
        return set;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
