using System.Collections.Concurrent;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>
/// Runs every runnable case once per test process, in parallel, and hands each theory row its
/// own outcome as soon as it is ready: xunit runs a theory's rows one after another, so this is
/// what keeps the suite fast even when a case hangs until its timeout. Excluded cases run too, so
/// that the summary can name exclusions that pass now.
/// </summary>
internal static class ConformanceRun
{
    private static readonly Lazy<IReadOnlyDictionary<string, Task<CaseOutcome>>> Runs = new(StartAll);

    /// <summary>Cases in flight at once; hung cases hold a slot until their real-time limit.</summary>
    private static int Parallelism => Math.Max(4, Environment.ProcessorCount * 2);

    public static Task<CaseOutcome> GetAsync(string id) => Runs.Value[id];

    public static async Task<IReadOnlyList<CaseOutcome>> AllAsync() => await Task.WhenAll(Runs.Value.Values).ConfigureAwait(false);

    private static IReadOnlyDictionary<string, Task<CaseOutcome>> StartAll()
    {
        var gate = new SemaphoreSlim(Parallelism);
        var runs = new ConcurrentDictionary<string, Task<CaseOutcome>>(StringComparer.Ordinal);
        foreach (var c in CaseLibrary.All.Where(c => c.IsRunnable))
            runs[c.Id] = RunGatedAsync(c, gate);
        return runs;
    }

    private static async Task<CaseOutcome> RunGatedAsync(ConformanceCase c, SemaphoreSlim gate)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await CaseRunner.RunAndCompareAsync(c).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
