using System.Diagnostics;
using System.Globalization;
using Quickstep.Engine;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/Quickstep.Benchmarks -- --waiting 100000 [--wait-seconds 60]`:
/// the target "100,000 concurrent executions waiting in Wait states held by one process in under 2 GiB".
/// Starts N executions of a machine whose first state is a Wait on the real clock (TimeProvider.System),
/// checks that every one is parked there (none finished), reports the managed heap, the GC's view and the
/// process's working set and private bytes, then cancels them all and checks that every one ended ABORTED.
/// </summary>
internal static class WaitingExecutions
{
    public static async Task<int> RunAsync(int count, int waitSeconds)
    {
        var definition = $$"""
            {
              "StartAt": "Hold",
              "States": {
                "Hold": { "Type": "Wait", "Seconds": {{waitSeconds}}, "Next": "Done" },
                "Done": { "Type": "Succeed" }
              }
            }
            """;
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = TimeProvider.System });
        var machine = engine.Load(definition, "waiting");
        var input = JsonText.Parse("""{"id":"wait-1","n":7}""");
        var options = new ExecutionOptions();

        // Warm up the code paths (JIT, pools) so the baseline does not count them.
        using (var warm = new CancellationTokenSource())
        {
            var t = machine.ExecuteAsync(input, options, warm.Token);
            await warm.CancelAsync().ConfigureAwait(false);
            await t.ConfigureAwait(false);
        }

        using var process = Process.GetCurrentProcess();
        var before = Snapshot(process);
        using var cancel = new CancellationTokenSource();
        var runs = new Task<ExecutionResult>[count];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
            runs[i] = machine.ExecuteAsync(input, options, cancel.Token);
        var startSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        // Every execution runs synchronously up to the Wait's delay, so when the loop ends each one is
        // parked there; none may have finished (the Wait is far longer than the start loop).
        var finished = 0;
        foreach (var r in runs)
        {
            if (r.IsCompleted)
                finished++;
        }

        var parked = Snapshot(process);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var cancelStart = Stopwatch.GetTimestamp();
        await cancel.CancelAsync().ConfigureAwait(false);
        var results = await Task.WhenAll(runs).ConfigureAwait(false);
        var cancelSeconds = Stopwatch.GetElapsedTime(cancelStart).TotalSeconds;
        var aborted = results.Count(r => r.Status == ExecutionStatus.Aborted);
        GC.KeepAlive(runs);
        var after = Snapshot(process);

        static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
        static string PerExecution(long bytes, int n) => (bytes / (double)n).ToString("0", CultureInfo.InvariantCulture) + " B";
        Console.WriteLine($"# {count:N0} executions waiting {waitSeconds} s on TimeProvider.System | {Environment.ProcessorCount} cpus | .NET {Environment.Version} | GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}{(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? " (non-concurrent)" : string.Empty)}");
        Console.WriteLine($"started in {startSeconds:0.00} s; {count - finished:N0} parked in the Wait, {finished:N0} finished early; snapshot taken {elapsed:0.00} s after the first start");
        Console.WriteLine();
        Console.WriteLine("| measure | before | 100k parked | delta | per execution | after cancel |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row("managed heap, GC.GetTotalMemory(true)", b => b.Managed);
        Row("GC heap size (GCMemoryInfo.HeapSizeBytes)", b => b.HeapSize);
        Row("GC committed (GCMemoryInfo.TotalCommittedBytes)", b => b.Committed);
        Row("working set (Process.WorkingSet64)", b => b.WorkingSet);
        Row("private bytes (Process.PrivateMemorySize64)", b => b.Private);
        Console.WriteLine();
        Console.WriteLine($"cancelled all in {cancelSeconds:0.00} s: {aborted:N0} ABORTED of {count:N0}; peak working set {MiB(process.PeakWorkingSet64)}");
        var limit = 2L << 30;
        var ok = finished == 0 && aborted == count && parked.WorkingSet < limit && parked.Private < limit;
        Console.WriteLine(ok ? $"PASS: {count:N0} waiting executions in {MiB(parked.WorkingSet)} working set, {MiB(parked.Private)} private (limit 2 GiB)" : "FAIL");
        return ok ? 0 : 1;

        void Row(string name, Func<Memory, long> f) =>
            Console.WriteLine($"| {name} | {MiB(f(before))} | {MiB(f(parked))} | {MiB(f(parked) - f(before))} | {PerExecution(f(parked) - f(before), count)} | {MiB(f(after))} |");
    }

    private static Memory Snapshot(Process process)
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        process.Refresh();
        return new Memory(managed, info.HeapSizeBytes, info.TotalCommittedBytes, process.WorkingSet64, process.PrivateMemorySize64);
    }

    private readonly record struct Memory(long Managed, long HeapSize, long Committed, long WorkingSet, long Private);
}
