using BenchmarkDotNet.Attributes;
using Quickstep.Engine;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// One execution of each shared workload (history off), for a per-execution time with allocations;
/// transitions/s = transitions per execution (bench/README) ÷ mean. Baseline: w1. A workload that does
/// not load yet (intrinsics pending) is skipped (~0 ns).
/// </summary>
public class WorkloadBenchmarks
{
    private StateMachine? _machine;
    private MockingResourceHandler? _mocks;
    private ExecutionOptions _options = new();
    private JValue _input = JValue.Null;

    [Params("w1", "w2", "w3", "w4", "w5", "w6")]
    public string Workload { get; set; } = "w1";

    [GlobalSetup]
    public void Setup()
    {
        try
        {
            (_machine, _options, _mocks) = Workloads.Load(Workload);
            _input = Workloads.Input(Workload);
        }
        catch (Exception e) when (e is NotImplementedException or InvalidDefinitionException)
        {
            Console.WriteLine($"// {Workload} not loadable yet: {e.Message}");
        }
    }

    [Benchmark]
    public long Execute()
    {
        if (_machine is null)
            return 0;
        var r = _machine.ExecuteAsync(_input, _options).GetAwaiter().GetResult();
        _mocks?.CompleteExecution(r.ExecutionArn);
        return r.Transitions;
    }
}
