using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Services.Events;
using Quickstep.Services.Pipes;
using Quickstep.Services.Scheduler;

namespace Quickstep.Server.Services;

/// <summary>
/// EventBridge Scheduler and Pipes on this server: created on the store, registered by signing name, started once the
/// server listens; also EventBridge's scheduled rules, which fire on one node like schedules.
/// </summary>
internal sealed class TriggerServices : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly EventBridgeService? _eventBridge;
    private Task _scheduling = Task.CompletedTask;
    private Task _ruleScheduling = Task.CompletedTask;
    private Task _pipeSync = Task.CompletedTask;

    private TriggerServices(SchedulerService scheduler, PipesService pipes, EventBridgeService? eventBridge)
    {
        Scheduler = scheduler;
        Pipes = pipes;
        _eventBridge = eventBridge;
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
        return new TriggerServices(scheduler, pipes, awsServices.GetValueOrDefault("events") as EventBridgeService);
    }

    /// <summary>
    /// Starts firing schedules and scheduled EventBridge rules (on one node each: the holder of the "scheduler" and the
    /// "event-rules" lease when other nodes share the store) and polling pipes' queues (on every node: a receive leases
    /// its messages, so pollers never share one; each node follows the pipes as stored, whichever node changed them).
    /// </summary>
    public async Task StartAsync(Hosting.StoreSet stores, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        if (stores.Shared)
            _scheduling = Hosting.LeaderLease.RunAsync(stores.Leases, "scheduler", time, logger, ct => FireAsLeaderAsync(stores.Schedules, time, ct), _stop.Token);
        else
            Scheduler.Runner.Start();
        if (_eventBridge is { } events)
            _ruleScheduling = Hosting.LeaderLease.RunAsync(stores.Leases, "event-rules", time, logger, events.RunRuleSchedulerAsync, _stop.Token);
        await Pipes.StartAsync(cancellationToken).ConfigureAwait(false);
        if (stores.Shared)
            _pipeSync = Task.Run(() => FollowPipesAsync(time, logger, _stop.Token), CancellationToken.None);
    }

    /// <summary>With a shared store: applies pipes created, changed or deleted through other nodes, at least every second.</summary>
    private async Task FollowPipesAsync(TimeProvider time, ILogger logger, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(LeaderPoll, time, ct).ConfigureAwait(false);
                await Pipes.SyncAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the follower must outlive a database hiccup; the next look retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.OperationCrashed(logger, "following the stored pipes", e);
            }
        }
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
        foreach (var task in new[] { _scheduling, _ruleScheduling, _pipeSync })
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped while waiting.
            }
        }

        _stop.Dispose();
        await Pipes.DisposeAsync().ConfigureAwait(false);
        await Scheduler.DisposeAsync().ConfigureAwait(false);
    }
}
