using System.Diagnostics;
using Quickstep.Engine;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Cli;

/// <summary>
/// Runs executions of one machine back to back in <c>concurrency</c> loops until a deadline, and
/// counts executions and engine-counted transitions (states entered plus retries).
/// </summary>
internal sealed class BenchRunner(StateMachine machine, JValue input, ExecutionOptions options, MockingResourceHandler? mocking)
{
    /// <summary>Runs for <paramref name="seconds"/> (each loop finishes the execution it is in); at least one execution per loop.</summary>
    public async Task<BenchMeasurement> RunAsync(double seconds, int concurrency)
    {
        var cpuStart = Environment.CpuUsage.TotalTime;
        var allocatedStart = GC.GetTotalAllocatedBytes();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(seconds * Stopwatch.Frequency);
        var loops = new Task<BenchMeasurement>[concurrency];
        for (var i = 0; i < loops.Length; i++)
            loops[i] = Task.Run(() => LoopAsync(deadline));
        var results = await Task.WhenAll(loops).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var total = new BenchMeasurement { Seconds = elapsed, CpuSeconds = (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds, AllocatedBytes = GC.GetTotalAllocatedBytes() - allocatedStart };
        foreach (var r in results)
        {
            total.Executions += r.Executions;
            total.Transitions += r.Transitions;
            total.NotSucceeded += r.NotSucceeded;
            total.Last = r.Last ?? total.Last;
            total.LastFailure = r.LastFailure ?? total.LastFailure;
        }

        return total;
    }

    private async Task<BenchMeasurement> LoopAsync(long deadline)
    {
        var m = new BenchMeasurement();
        do
        {
            var r = await machine.ExecuteAsync(input, options).ConfigureAwait(false);
            mocking?.CompleteExecution(r.ExecutionArn);
            m.Executions++;
            m.Transitions += r.Transitions;
            m.Last = r;
            if (r.Status != ExecutionStatus.Succeeded)
            {
                m.NotSucceeded++;
                m.LastFailure = r;
            }
        }
        while (Stopwatch.GetTimestamp() < deadline);
        return m;
    }
}
