using Quickstep.Aws;
using Quickstep.Aws.Targets;

namespace Quickstep.Services.Scheduler;

/// <summary>Settings of the local EventBridge Scheduler (its clock is the one the runner fires on).</summary>
public sealed class SchedulerOptions : AwsServiceOptions
{
    /// <summary>A number in [0, 1) for FLEXIBLE windows' offsets; default <see cref="Random.Shared"/>.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>Delivers each run to its target (required).</summary>
    public ITargetInvoker? Targets { get; init; }

    /// <summary>Called with a delivery failure that ends in the dead-letter queue or is dropped; default none.</summary>
    public Action<string, Exception>? OnDeliveryFailed { get; init; }

    /// <summary>Schedules advanced per store transaction; default 500.</summary>
    public int BatchSize { get; init; } = 500;
}
