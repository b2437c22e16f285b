using BenchmarkDotNet.Attributes;
using Quickstep.Engine;
using Quickstep.Engine.Plan;
using Quickstep.Engine.Runtime;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// Choice evaluation, state alone (no loop): w2's rule (NumericLessThan on $.count), and a compound
/// rule (And of StringEquals, NumericGreaterThanEquals, IsPresent, Or of StringMatches / Not
/// BooleanEquals) that falls through to the last of three choices. Baseline: w2's test by hand.
/// </summary>
public class ChoiceBenchmarks
{
    private const string Definition = """
        {"StartAt":"Simple","States":{
          "Simple":{"Type":"Choice","Choices":[{"Variable":"$.count","NumericLessThan":1000,"Next":"Compound"}],"Default":"Done"},
          "Compound":{"Type":"Choice","Choices":[
            {"Variable":"$.user.tier","StringEquals":"silver","Next":"Done"},
            {"Variable":"$.amount","NumericGreaterThan":100,"Next":"Done"},
            {"And":[
              {"Variable":"$.user.tier","StringEquals":"gold"},
              {"Variable":"$.amount","NumericGreaterThanEquals":10},
              {"Variable":"$.tags","IsPresent":true},
              {"Or":[{"Variable":"$.user.name","StringMatches":"a*a"},{"Not":{"Variable":"$.flag","BooleanEquals":true}}]}],
             "Next":"Done"}],"Default":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    private JValue _input = JValue.Null;
    private Execution _execution = null!;
    private Frame _frame = null!;
    private CompiledState _simple = null!;
    private CompiledState _compound = null!;
    private StateEntry _entry;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = new VirtualTimeProvider() });
        var machine = engine.Load(Definition, "choice");
        _input = ((JObject)Workloads.Input("w1")).With("count", JValue.FromNumber(417));
        _execution = new Execution(machine, "x", machine.ExecutionArn("x"), _input, new ExecutionOptions(), CancellationToken.None);
        _frame = new Frame(null, 0);
        _simple = machine.Plan.Root.States.First(s => s.Name == "Simple");
        _compound = machine.Plan.Root.States.First(s => s.Name == "Compound");
        _entry = new StateEntry(2, DateTimeOffset.UnixEpoch);
    }

    [Benchmark(Baseline = true)]
    public bool HandWrittenLessThan() =>
        ((JObject)_input).TryGetValue("count", out var v) && v is JNumber n && n.Value < 1000;

    [Benchmark]
    public JValue? SimpleRule() => _simple.ExecuteAsync(_execution, _frame, _input, _entry).Result.Output;

    [Benchmark]
    public JValue? CompoundRules() => _compound.ExecuteAsync(_execution, _frame, _input, _entry).Result.Output;
}
