using Microsoft.Extensions.Time.Testing;
using Quickstep.Json;
using Quickstep.Services.Scheduler;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Server.Tests.Scheduler;

/// <summary>The Scheduler service on a SQLite file and a fake clock, without its background loop: tests drive <see cref="ScheduleRunner.RunDueAsync"/>.</summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly SqliteStore _store;

    private SchedulerHarness(SqliteStore store, SchedulerService service, FakeTimeProvider clock)
    {
        _store = store;
        Service = service;
        Clock = clock;
    }

    public SchedulerService Service { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<SchedulerHarness> OpenAsync(string path, FakeTimeProvider clock, RecordingTargets targets, Func<double>? random = null)
    {
        var store = new SqliteStore(new SqliteStoreOptions { Path = path });
        await store.InitializeAsync();
        var service = new SchedulerService(new SqliteScheduleStore(store), new SchedulerOptions { TimeProvider = clock, Targets = targets, Random = random ?? (() => 0) });
        await service.InitializeAsync();
        return new SchedulerHarness(store, service, clock);
    }

    public async Task<JObject> CallAsync(string operation, string json) => (JObject)await Service.InvokeAsync(operation, (JObject)JsonText.Parse(json));

    /// <summary>Moves the clock in steps, running what is due after each.</summary>
    public async Task AdvanceAsync(TimeSpan total, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += step)
        {
            Clock.Advance(step);
            await Service.Runner.RunDueAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await _store.DisposeAsync();
    }
}
