using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Services.Pipes;
using Quickstep.Services.Scheduler;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Server.Services;

/// <summary>EventBridge Scheduler and Pipes on this server: created on the store, registered by signing name, started once the server listens.</summary>
internal sealed class TriggerServices : IAsyncDisposable
{
    private TriggerServices(SchedulerService scheduler, PipesService pipes)
    {
        Scheduler = scheduler;
        Pipes = pipes;
    }

    public SchedulerService Scheduler { get; }

    public PipesService Pipes { get; }

    /// <summary>Creates the services and adds them to <paramref name="awsServices"/> (their targets are found there when they fire).</summary>
    public static async Task<TriggerServices> CreateAsync(SqliteStore store, QuickstepServerOptions options, Dictionary<string, IAwsService> awsServices, ILogger logger, CancellationToken cancellationToken)
    {
        var targets = new ServiceTargetInvoker(awsServices);
        var scheduler = new SchedulerService(new SqliteScheduleStore(store), new SchedulerOptions
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
        var pipes = new PipesService(new SqlitePipeStore(store), new PipesOptions
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

    /// <summary>Starts firing schedules and polling pipes' queues.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Scheduler.Runner.Start();
        await Pipes.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Pipes.DisposeAsync().ConfigureAwait(false);
        await Scheduler.DisposeAsync().ConfigureAwait(false);
    }
}
