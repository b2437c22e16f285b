using System.Diagnostics.Metrics;

namespace Quickstep.Server.Telemetry;

/// <summary>
/// The server's own instruments (one Meter per server, so that two servers in one process report apart): the async
/// queue's depth, the worker pool's use, and CloudWatch's ExecutionThrottled.
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "Quickstep.Server";

    private long _queued;
    private long _busy;

    public ServerMetrics(int workers)
    {
        Meter = new Meter(MeterName);
        Throttled = Meter.CreateCounter<long>("ExecutionThrottled", "{execution}", "Asynchronous executions that waited for a free worker (the pool was full).");
        Meter.CreateObservableGauge("quickstep.async_queue.depth", () => Interlocked.Read(ref _queued), "{execution}", "Asynchronous executions accepted and waiting for a worker.");
        Meter.CreateObservableGauge("quickstep.workers.busy", () => Interlocked.Read(ref _busy), "{worker}", "Async workers running an execution.");
        Meter.CreateObservableGauge("quickstep.workers.max", () => (long)workers, "{worker}", "Async workers at most (MaxConcurrentExecutions).");
    }

    public Meter Meter { get; }

    public Counter<long> Throttled { get; }

    public void Queued() => Interlocked.Increment(ref _queued);

    /// <summary>A queued execution got a worker.</summary>
    public void Dequeued()
    {
        Interlocked.Decrement(ref _queued);
        Interlocked.Increment(ref _busy);
    }

    public void WorkerDone() => Interlocked.Decrement(ref _busy);

    public void Dispose() => Meter.Dispose();
}
