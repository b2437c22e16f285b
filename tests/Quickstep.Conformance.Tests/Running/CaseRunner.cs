using System.Diagnostics;
using System.Globalization;
using System.Text;
using Quickstep.Asl.Validation;
using Quickstep.Conformance.Tests.Comparison;
using Quickstep.Engine;
using Quickstep.Integrations.Functions;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>
/// Runs one case in-process the way compare.py runs a command: a fresh engine on a fresh virtual
/// clock (Waits and backoff elapse at once; Task timeouts and sleeping functions run in virtual
/// time), the emulated Lambda functions, and a real-time limit so that a hung case fails instead of
/// hanging the suite.
/// </summary>
internal static class CaseRunner
{
    /// <summary>The region and account in the ARNs the engine makes (the recording's account matches any 12 digits).</summary>
    public const string Region = "us-east-1";

    public const string AccountId = "111111111111";

    /// <summary>Real time a case may take; <c>QUICKSTEP_CONFORMANCE_TIMEOUT</c> (seconds) overrides it.</summary>
    public static TimeSpan RealTimeout { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("QUICKSTEP_CONFORMANCE_TIMEOUT"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where each case's virtual clock starts: just after the corpus was extracted (2026-03-23), the
    /// "now" that the extractor wrote into inputs rebuilt from recorded "&lt;timestamp&gt;" values
    /// (base/test_wait/test_wait_timestamppath waits until "2026-03-23T08:51:59Z").
    /// </summary>
    public static readonly DateTimeOffset VirtualClockStart = new(2026, 3, 23, 8, 52, 0, TimeSpan.Zero);

    public static async Task<CaseOutcome> RunAndCompareAsync(ConformanceCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var watch = Stopwatch.StartNew();
        var result = await RunAsync(c).ConfigureAwait(false);
        watch.Stop();
        string? resultDiff;
        string? historyDiff = null;
        try
        {
            resultDiff = Compare(c, result);
            if (c.ExpectedHistory is { } history)
            {
                historyDiff = result.History is null && result.Status is EngineResult.HarnessErrorStatus or "INVALID_DEFINITION"
                    ? $"history: no history ({result.Status}: {PyFormat.Short(result.Cause, 200)})"
                    : HistoryComparer.Compare(history, c.Placeholders, result.History);
            }
        }
#pragma warning disable CA1031 // a comparer bug must fail this case, not the suite
        catch (Exception e)
#pragma warning restore CA1031
        {
            resultDiff = $"comparer threw {e.GetType().Name}: {e.Message}";
            historyDiff ??= resultDiff;
        }

        return new CaseOutcome(c, result, resultDiff, historyDiff, watch.Elapsed);
    }

    /// <summary>
    /// compare_result, except for definitions AWS refused: their causes are AWS's validator wording,
    /// which the engine's diagnostics are not required to reproduce, so only status and error count.
    /// </summary>
    public static string? Compare(ConformanceCase c, EngineResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        return ResultComparer.Compare(c.Expected, c.Placeholders, result, ignoreCause: c.ExpectedStatus == "INVALID_DEFINITION");
    }

    public static async Task<EngineResult> RunAsync(ConformanceCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var abort = new CancellationTokenSource();
        var run = Task.Run(() => RunCoreAsync(c, abort.Token));
        try
        {
            return await run.WaitAsync(RealTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await abort.CancelAsync().ConfigureAwait(false);
            return EngineResult.HarnessError($"no result within {RealTimeout.TotalSeconds:0.#} s of real time (hung?)");
        }
    }

    private static async Task<EngineResult> RunCoreAsync(ConformanceCase c, CancellationToken abort)
    {
        try
        {
            var clock = new VirtualTimeProvider(VirtualClockStart);
            var registry = LambdaEmulator.CreateRegistry(c.Lambdas, clock);
            var lambda = new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions
            {
                TimeProvider = clock,
                DefaultRegion = Region,
                DefaultAccountId = AccountId,
            });
            var engine = new QuickstepEngine(new EngineOptions
            {
                TimeProvider = clock,
                IdleTracker = clock.IdleTracker,
                ResourceHandlers = [lambda],
                Region = Region,
                AccountId = AccountId,
            });
            var type = c.Type == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard;
            StateMachine machine;
            try
            {
                machine = engine.Load(c.DefinitionText, StateMachineName(c.Id), type);
            }
            catch (InvalidDefinitionException e)
            {
                // What CreateStateMachine answered for the validation cases.
                return new EngineResult("INVALID_DEFINITION", null, "InvalidDefinition", AwsValidationCause(e.Diagnostics, e.Message));
            }

            var result = await machine.ExecuteAsync(c.Input, new ExecutionOptions
            {
                Name = ExecutionName(c.Id),
                RecordHistory = true,
                // StartSyncExecution recordings: $$.Execution has no RedriveCount there.
                Synchronous = c.RecordedVia == "sync",
            }, abort).ConfigureAwait(false);
            return new EngineResult(result.StatusText, result.Output, result.Error, result.Cause, result.History?.Select(h => (Json.JValue)h.ToJson()).ToList());
        }
#pragma warning disable CA1031 // an engine fault (a stub not implemented yet, a bug) fails this case only
        catch (Exception e)
#pragma warning restore CA1031
        {
            var at = e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
            return EngineResult.HarnessError($"engine threw {e.GetType().Name}: {Cut(e.Message, 200)} {at}");
        }
    }

    /// <summary>AWS's cause shape for a refused definition: <c>Invalid State Machine Definition: 'CODE: message at /pointer, …'</c>.</summary>
    public static string AwsValidationCause(IReadOnlyList<Diagnostic> diagnostics, string fallback)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (diagnostics.Count == 0)
            return fallback;
        var items = diagnostics.Select(d => $"{d.Code}: {d.Message} at {(d.Pointer.Length == 0 ? "/" : d.Pointer)}");
        return $"Invalid State Machine Definition: '{string.Join(", ", items)}'";
    }

    /// <summary>A stable, valid state machine name for a case: its last id segment, cleaned, plus a short hash of the id.</summary>
    public static string StateMachineName(string caseId) => Clean(caseId, 60) + "-" + Hash(caseId);

    /// <summary>A stable execution name for a case.</summary>
    public static string ExecutionName(string caseId) => "exec-" + Hash(caseId);

    private static string Clean(string caseId, int max)
    {
        var last = caseId[(caseId.LastIndexOf('/') + 1)..];
        var sb = new StringBuilder(last.Length);
        foreach (var ch in last)
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_');
        return sb.Length <= max ? sb.ToString() : sb.ToString(0, max);
    }

    private static string Hash(string s)
    {
        // FNV-1a: stable across runs and platforms (string.GetHashCode is randomized).
        var h = 2166136261u;
        foreach (var ch in s)
        {
            h ^= ch;
            h *= 16777619u;
        }

        return h.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..n] + "...";
}
