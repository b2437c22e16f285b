using Quickstep.Engine;

namespace Quickstep.Cli;

/// <summary>What one <see cref="BenchRunner"/> run counted.</summary>
internal sealed class BenchMeasurement
{
    public long Executions { get; set; }

    public long Transitions { get; set; }

    public long NotSucceeded { get; set; }

    public double Seconds { get; set; }

    /// <summary>Process CPU time (all threads: loops, GC, JIT) spent while measuring.</summary>
    public double CpuSeconds { get; set; }

    /// <summary>Managed bytes allocated by the process (all threads) while measuring.</summary>
    public long AllocatedBytes { get; set; }

    public ExecutionResult? Last { get; set; }

    public ExecutionResult? LastFailure { get; set; }

    public double ExecutionsPerSecond => Seconds > 0 ? Executions / Seconds : 0;

    public double TransitionsPerSecond => Seconds > 0 ? Transitions / Seconds : 0;
}
