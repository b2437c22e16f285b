using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace Quickstep.Fuzz.Tests;

/// <summary>
/// Runs a property over generated inputs with a bounded iteration count (the test command) that
/// QUICKSTEP_FUZZ_ITERATIONS raises for a longer run (docs/testing.md). A hang fails the run instead of holding it.
/// </summary>
internal static class Fuzz
{
    public const string IterationsVariable = "QUICKSTEP_FUZZ_ITERATIONS";

    /// <summary>One input may take this long at most (a slow input is a finding too).</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(3);

    /// <summary>The iterations of a property: its bounded default, or QUICKSTEP_FUZZ_ITERATIONS when that is larger.</summary>
    public static long Iterations(long bounded) =>
        long.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > bounded ? n : bounded;

    public static void Run<T1, T2>(Gen<(T1, T2)> gen, Action<T1, T2> property, long iterations, TimeSpan? perInput = null) =>
        Run(gen, t => property(t.Item1, t.Item2), iterations, perInput: perInput);

    public static void Run<T1, T2, T3>(Gen<(T1, T2, T3)> gen, Action<T1, T2, T3> property, long iterations) =>
        Run(gen, t => property(t.Item1, t.Item2, t.Item3), iterations);

    public static void Run<T>(Gen<T> gen, Action<T> property, long iterations, Func<T, string>? print = null, TimeSpan? perInput = null)
    {
        var limit = perInput ?? PerInput;
        var count = Iterations(iterations);
        var run = Task.Run(() => gen.Sample(
            input =>
            {
                var clock = Stopwatch.StartNew();
                property(input);
                if (clock.Elapsed > limit)
                    throw new TimeoutException($"one input took {clock.Elapsed.TotalSeconds:F1} s");
            },
            iter: count,
            threads: 2,
            print: print));
        // The budget grows with the count so that a long run is not cut short; a hang still ends the test.
        var budget = TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(count * 20);
        if (!run.Wait(budget))
            Assert.Fail($"the property did not finish {count} inputs in {budget}: an input hangs");
        run.GetAwaiter().GetResult();
    }
}
