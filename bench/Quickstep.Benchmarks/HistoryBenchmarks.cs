using BenchmarkDotNet.Attributes;
using Quickstep.Engine;
using Quickstep.Engine.History;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// History at log level OFF (baseline: RecordHistory false, no sink) against ALL (every event kept,
/// with its input/output JSON text) and ALL streamed to a sink that keeps nothing. Target (issue 7):
/// ALL at most 2× OFF. LogRecords* also format every kept event as its CloudWatch record (the CLI's
/// --log-level), which is where the payloads' JSON text gets made.
/// </summary>
public class HistoryBenchmarks
{
    private StateMachine _machine = null!;
    private MockingResourceHandler? _mocks;
    private JValue _input = JValue.Null;
    private ExecutionOptions _off = null!;
    private ExecutionOptions _all = null!;
    private ExecutionOptions _sink = null!;
    private ExecutionOptions _logAll = null!;
    private ExecutionOptions _logError = null!;

    [Params("w1", "w3", "w5", "w6")]
    public string Workload { get; set; } = "w1";

    [GlobalSetup]
    public void Setup()
    {
        try
        {
            (_machine, _off, _mocks) = Workloads.Load(Workload);
        }
        catch (Exception e) when (e is NotImplementedException or InvalidDefinitionException)
        {
            Console.WriteLine($"// {Workload} not loadable yet: {e.Message}");
            return;
        }

        _input = Workloads.Input(Workload);
        _all = new ExecutionOptions { TestCase = _off.TestCase, RecordHistory = true };
        _sink = new ExecutionOptions { TestCase = _off.TestCase, HistorySink = new DiscardingSink() };
        var arn = _machine.ExecutionArn("bench");
        _logAll = new ExecutionOptions { TestCase = _off.TestCase, HistorySink = new ExpressLogWriter(TextWriter.Null, ExecutionLogLevel.All, includeExecutionData: true, arn) };
        _logError = new ExecutionOptions { TestCase = _off.TestCase, HistorySink = new ExpressLogWriter(TextWriter.Null, ExecutionLogLevel.Error, includeExecutionData: true, arn) };
    }

    [Benchmark(Baseline = true)]
    public long Off() => Run(_off);

    [Benchmark]
    public long All() => Run(_all);

    [Benchmark]
    public long AllToSink() => Run(_sink);

    /// <summary>Level ALL with includeExecutionData, every record formatted as AWS's JSON line (written to a null writer).</summary>
    [Benchmark]
    public long LogRecordsAll() => Run(_logAll);

    /// <summary>Level ERROR: only failures are formatted.</summary>
    [Benchmark]
    public long LogRecordsError() => Run(_logError);

    private long Run(ExecutionOptions options)
    {
        if (_machine is null)
            return 0;
        var r = _machine.ExecuteAsync(_input, options).GetAwaiter().GetResult();
        _mocks?.CompleteExecution(r.ExecutionArn);
        return r.Transitions;
    }

    private sealed class DiscardingSink : IHistorySink
    {
        public void Add(HistoryEvent historyEvent)
        {
        }
    }
}
