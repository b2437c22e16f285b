using BenchmarkDotNet.Attributes;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Paths;
using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Benchmarks;

/// <summary>
/// JSONata expressions, parsed once, evaluated inside a state ($states.input bound). Baseline: the
/// JSONPath reference path that selects what the first expression selects. Until JsonataExpression is
/// implemented the evaluations are skipped (return null, ~0 ns) and setup prints "JSONata not available".
/// </summary>
public class JsonataBenchmarks
{
    private EvaluationScope _scope;
    private JsonPath _path = null!;
    private JsonataExpression? _expression;

    [Params(
        "$states.input.user.name",
        "$states.input.amount * 2 + 1",
        "$count($states.input.tags)",
        "$sum($states.input.items.v)",
        "$states.input.items[v > 990].id",
        "{'id': $states.input.id, 'who': $uppercase($states.input.user.name), 'n': $count($states.input.tags)}")]
    public string Expression { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var input = ((JObject)Workloads.Input("w1")).With("items", ((JObject)Workloads.Input("w3"))["items"]!);
        _scope = new EvaluationScope(input, JObject.Empty, null, DefaultEvaluationServices.Shared);
        _path = JsonPath.Parse("$.user.name");
        try
        {
            _expression = JsonataExpression.Parse(Expression);
            _expression.Evaluate(_scope);
        }
        catch (NotImplementedException)
        {
            _expression = null;
            Console.WriteLine($"// JSONata not available: {Expression}");
        }
    }

    [Benchmark(Baseline = true)]
    public JValue? JsonPathUserName() => _path.Select(_scope.Input);

    [Benchmark]
    public JValue? Evaluate() => _expression?.Evaluate(_scope);
}
