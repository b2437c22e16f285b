using Quickstep.Engine.Ports;

namespace Quickstep.Engine;

/// <summary>Engine-wide settings; one engine serves many state machines and executions.</summary>
public sealed class EngineOptions
{
    /// <summary>Clock for Waits, retries, timeouts and timestamps. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Told when the engine has runnable work and when it is idle (only timers can make anything happen), so a
    /// clock that jumps (<see cref="VirtualTimeProvider.IdleTracker"/>) or a test driving a fake clock knows when
    /// to move. Default: none (the engine counts nothing).
    /// </summary>
    public IdleTracker? IdleTracker { get; init; }

    /// <summary>Randomness and ids for expressions (States.UUID, $random…). Default: system randomness.</summary>
    public IEvaluationServices? EvaluationServices { get; init; }

    /// <summary>Task resource handlers, asked in order. Default: none (every Task fails).</summary>
    public IReadOnlyList<IResourceHandler> ResourceHandlers { get; init; } = [];

    /// <summary>Region in ARNs. Default "us-east-1".</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account id in ARNs. Default "123456789012".</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The Express execution cap. Default 5 minutes.</summary>
    public TimeSpan MaxExecutionDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The payload limit in UTF-8 bytes. Default 262,144 (256 KiB).</summary>
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// The largest result file a Distributed Map's ResultWriter writes before it starts the next one
    /// (SUCCEEDED_0.json, SUCCEEDED_1.json, …). Default 5 GB, as in Step Functions.
    /// </summary>
    public long ResultFileMaxBytes { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Apply Express-only creation rules. Default true.</summary>
    public bool Express { get; init; } = true;
}
