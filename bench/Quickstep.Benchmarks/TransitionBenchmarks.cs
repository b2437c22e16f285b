using BenchmarkDotNet.Attributes;
using Quickstep.Engine;
using Quickstep.Engine.Plan;
using Quickstep.Engine.Runtime;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// One Pass transition. Baseline: a whole execution of a one-state machine (Succeed), i.e. the fixed
/// cost of an execution. <see cref="W1PerTransition"/> is w1 (100 Pass with Parameters + ResultPath)
/// divided by 100: what one transition costs in a real loop, execution overhead amortized.
/// <see cref="PassStateOnly"/> is w1's first state's own work (Parameters, ResultPath) without the loop.
/// </summary>
public class TransitionBenchmarks
{
    private StateMachine _succeed = null!;
    private StateMachine _w1 = null!;
    private JValue _input = JValue.Null;
    private readonly ExecutionOptions _options = new();
    private Execution _execution = null!;
    private Frame _frame = null!;
    private CompiledState _pass = null!;
    private StateEntry _entry;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = new VirtualTimeProvider() });
        _succeed = engine.Load("""{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}""", "one");
        _w1 = engine.Load(Workloads.Definition("w1"), "w1-pass-chain-100");
        _input = Workloads.Input("w1");
        _execution = new Execution(_w1, "x", _w1.ExecutionArn("x"), _input, _options, CancellationToken.None);
        _frame = new Frame(null, 0);
        _pass = _w1.Plan.Root.Start;
        _entry = new StateEntry(2, DateTimeOffset.UnixEpoch);
    }

    [Benchmark(Baseline = true)]
    public ExecutionStatus OneStateExecution() => _succeed.ExecuteAsync(_input, _options).GetAwaiter().GetResult().Status;

    [Benchmark(OperationsPerInvoke = 100)]
    public ExecutionStatus W1PerTransition() => _w1.ExecuteAsync(_input, _options).GetAwaiter().GetResult().Status;

    [Benchmark]
    public JValue? PassStateOnly() => _pass.ExecuteAsync(_execution, _frame, _input, _entry).Result.Output;
}
