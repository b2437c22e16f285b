using System.Diagnostics;
using Quickstep.Asl.Paths;
using Quickstep.Engine;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Integrations.Testing;

/// <summary>
/// Runs workflow tests on the virtual clock (Waits and retry backoff elapse at once, as <c>quickstep run --fast-clock</c>),
/// several at a time, each with its own engine and mocks, and checks each one's expectations.
/// </summary>
public static class WorkflowTestRunner
{
    private const string InlineTestCase = "inline";

    /// <summary>Runs every test of <paramref name="files"/>; <paramref name="completed"/> hears of each result as it comes.</summary>
    public static async Task<IReadOnlyList<WorkflowTestResult>> RunAsync(IReadOnlyList<WorkflowTestFile> files, int parallelism, Action<WorkflowTestResult>? completed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var work = new List<(WorkflowTestFile File, WorkflowTestCase Test, int Index)>();
        foreach (var file in files)
        {
            foreach (var test in file.Tests)
                work.Add((file, test, work.Count));
        }

        var results = new WorkflowTestResult[work.Count];
        var definitions = new Dictionary<string, Lazy<(string? Text, string? Error)>>(StringComparer.Ordinal);
        var mockConfigs = new Dictionary<string, Lazy<(MockConfig? Config, string? Error)>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            definitions.TryAdd(file.DefinitionPath, new(() => ReadDefinition(file.DefinitionPath)));
            if (file.MockConfigPath is { } m)
                mockConfigs.TryAdd(m, new(() => ReadMockConfig(m)));
        }

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var definition = definitions[item.File.DefinitionPath].Value;
            var mocks = item.File.MockConfigPath is { } path ? mockConfigs[path].Value : (null, null);
            var result = await RunOneAsync(item.File, item.Test, definition, mocks, ct).ConfigureAwait(false);
            results[item.Index] = result;
            completed?.Invoke(result);
        }).ConfigureAwait(false);
        return results;
    }

    private static (string?, string?) ReadDefinition(string path)
    {
        try
        {
            return (File.ReadAllText(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read the definition {path}: {e.Message}");
        }
    }

    private static (MockConfig?, string?) ReadMockConfig(string path)
    {
        try
        {
            return (MockConfig.Load(path), null);
        }
        catch (MockConfigException e)
        {
            return (null, e.Message);
        }
    }

    private static async Task<WorkflowTestResult> RunOneAsync(WorkflowTestFile file, WorkflowTestCase test, (string? Text, string? Error) definition, (MockConfig? Config, string? Error) fileMocks, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        WorkflowTestResult Broken(string problem) => new() { File = file, Name = test.Name, Failures = [problem], Duration = Stopwatch.GetElapsedTime(started) };
        if (definition.Error is { } unreadable)
            return Broken(unreadable);
        if (fileMocks.Error is { } badMocks)
            return Broken(badMocks);

        MockConfig? mocks = fileMocks.Config;
        var testCase = test.TestCase;
        if (test.Mocks is { } inline)
        {
            try
            {
                mocks = MockConfig.Parse(InlineConfig(file.StateMachineName, inline).ToString(), $"{file.Path}: test '{test.Name}': mocks");
            }
            catch (MockConfigException e)
            {
                return Broken(e.Message);
            }

            testCase = InlineTestCase;
        }

        // Tasks nothing mocks fail with States.Runtime ("no function"): a test names what every Task answers.
        IResourceHandler handler = new LambdaResourceHandler(new LambdaFunctionRegistry());
        if (mocks is not null)
            handler = new MockingResourceHandler(mocks, handler);
        var counter = new RetryCounter(handler);
        var clock = new VirtualTimeProvider();
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker, ResourceHandlers = [counter] });
        StateMachine machine;
        try
        {
            machine = engine.Load(definition.Text!, file.StateMachineName);
        }
        catch (InvalidDefinitionException e)
        {
            return Broken($"invalid definition {file.DefinitionPath}: {e.Message}");
        }

        var result = await machine.ExecuteAsync(test.Input, new ExecutionOptions { TestCase = testCase, RecordHistory = true }, ct).ConfigureAwait(false);
        var history = result.History ?? [];
        var failures = Check(test.Expect, result, history, counter);
        return new WorkflowTestResult
        {
            File = file,
            Name = test.Name,
            Failures = failures,
            Duration = Stopwatch.GetElapsedTime(started),
            Status = result.StatusText,
            History = history,
        };
    }

    /// <summary>The inline mocks as a mock config with one test case.</summary>
    private static JObject InlineConfig(string machine, JObject mocks)
    {
        var states = new JObjectBuilder(mocks.Count);
        var responses = new JObjectBuilder(mocks.Count);
        foreach (var (state, response) in mocks)
        {
            states.AddUnique(state, JValue.FromString(state));
            responses.AddUnique(state, response);
        }

        var testCases = new JObjectBuilder(1).AddUnique(InlineTestCase, states.Build()).Build();
        var sm = new JObjectBuilder(1).AddUnique("TestCases", testCases).Build();
        return new JObjectBuilder(2)
            .AddUnique("StateMachines", new JObjectBuilder(1).AddUnique(machine, sm).Build())
            .AddUnique("MockedResponses", responses.Build())
            .Build();
    }

    private static List<string> Check(WorkflowExpectation expect, ExecutionResult result, IReadOnlyList<Engine.History.HistoryEvent> history, RetryCounter counter)
    {
        var failures = new List<string>();
        if (expect.Status is { } status && status != result.StatusText)
            failures.Add($"status: expected {status} but was {result.StatusText}{Describe(result)}");
        if (expect.Output is { } output && (result.Output is null || !output.Equals(result.Output)))
            failures.Add($"output: expected {output} but was {result.Output?.ToString() ?? "no output"}");
        foreach (var (path, expected) in expect.OutputPaths)
        {
            var selected = result.Output is null ? null : JsonPath.Parse(path).Select(result.Output);
            if (selected is null || !expected.Equals(selected))
                failures.Add($"output {path}: expected {expected} but was {selected?.ToString() ?? "nothing (the path selects no value)"}");
        }

        if (expect.Error is { } error && error != result.Error)
            failures.Add($"error: expected {error} but was {result.Error ?? "none"}");
        if (expect.Cause is { } cause && cause != result.Cause)
            failures.Add($"cause: expected \"{cause}\" but was {(result.Cause is null ? "none" : $"\"{result.Cause}\"")}");
        if (expect.States is { } states)
        {
            var visited = VisitedStates(history);
            if (!states.SequenceEqual(visited, StringComparer.Ordinal))
                failures.Add($"states: expected [{string.Join(", ", states)}] but was [{string.Join(", ", visited)}]");
        }

        foreach (var (state, retries) in expect.Retries)
        {
            var actual = counter.Retries(state);
            if (actual != retries)
                failures.Add($"retries of {state}: expected {retries} but was {actual}");
        }

        return failures;
    }

    private static string Describe(ExecutionResult result) =>
        result.Error is null ? "" : $" ({result.Error}: {result.Cause})";

    /// <summary>The names of the states entered, in history order.</summary>
    public static IReadOnlyList<string> VisitedStates(IReadOnlyList<Engine.History.HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var names = new List<string>();
        foreach (var e in history)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.Details?["name"] is JString name)
                names.Add(name.Value);
        }

        return names;
    }
}
