using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Services.Pipes;
using Quickstep.Services.Scheduler;

namespace Quickstep.Server.Services;

/// <summary>EventBridge Scheduler and Pipes on this server: created on the store, registered by signing name, started once the server listens.</summary>
internal sealed class TriggerServices : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _scheduling = Task.CompletedTask;

    private TriggerServices(SchedulerService scheduler, PipesService pipes)
    {
        Scheduler = scheduler;
        Pipes = pipes;
    }

    public SchedulerService Scheduler { get; }

    public PipesService Pipes { get; }

    /// <summary>Creates the services and adds them to <paramref name="awsServices"/> (their targets are found there when they fire).</summary>
    public static async Task<TriggerServices> CreateAsync(Hosting.StoreSet store, QuickstepServerOptions options, Dictionary<string, IAwsService> awsServices, ILogger logger, CancellationToken cancellationToken)
    {
        var targets = new ServiceTargetInvoker(awsServices);
        var scheduler = new SchedulerService(store.Schedules, new SchedulerOptions
        {
            Region = options.Region,
            AccountId = options.AccountId,
            TimeProvider = options.TimeProvider,
            Random = options.Random,
            Targets = targets,
            OnDeliveryFailed = (what, e) => Log.OperationCrashed(logger, "scheduler delivery to " + what, e),
        });
        await scheduler.InitializeAsync(cancellationToken).ConfigureAwait(false);
        awsServices[scheduler.SigningName] = scheduler;
        var pipes = new PipesService(store.Pipes, new PipesOptions
        {
            Region = options.Region,
            AccountId = options.AccountId,
            TimeProvider = options.TimeProvider,
            Targets = targets,
            Sqs = awsServices["sqs"],
            OnError = (pipe, e) => Log.OperationCrashed(logger, "pipe " + pipe, e),
        });
        await pipes.InitializeAsync(cancellationToken).ConfigureAwait(false);
        awsServices[pipes.SigningName] = pipes;
        return new TriggerServices(scheduler, pipes);
    }

    /// <summary>
    /// Starts firing schedules (on one node: the holder of the "scheduler" lease when other nodes share the store)
    /// and polling pipes' queues (on every node: a receive leases its messages, so pollers never share one).
    /// </summary>
    public async Task StartAsync(Hosting.StoreSet stores, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        if (stores.Shared)
            _scheduling = Hosting.LeaderLease.RunAsync(stores.Leases, "scheduler", time, logger, ct => FireAsLeaderAsync(stores.Schedules, time, ct), _stop.Token);
        else
            Scheduler.Runner.Start();
        await Pipes.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Most time between two looks at the schedules on the leader: schedules created on other nodes do not wake it.</summary>
    private static readonly TimeSpan LeaderPoll = TimeSpan.FromSeconds(1);

    private async Task FireAsLeaderAsync(Storage.IScheduleStore store, TimeProvider time, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Scheduler.Runner.RunDueAsync(ct).ConfigureAwait(false);
            var wait = LeaderPoll;
            if (await store.EarliestDueAsync(ct).ConfigureAwait(false) is { } due && due - time.GetUtcNow() < wait)
                wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _scheduling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting.
        }

        _stop.Dispose();
        await Pipes.DisposeAsync().ConfigureAwait(false);
        await Scheduler.DisposeAsync().ConfigureAwait(false);
    }
}
