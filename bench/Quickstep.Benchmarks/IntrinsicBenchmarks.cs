using BenchmarkDotNet.Attributes;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Intrinsics;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// Intrinsic function calls, parsed once and evaluated per call. Baseline: States.MathAdd written by
/// hand. While intrinsics are not implemented the calls are skipped (they return null, ~0 ns) and
/// the setup prints "intrinsic not available".
/// </summary>
public class IntrinsicBenchmarks
{
    private EvaluationScope _scope;
    private IntrinsicExpression? _expression;

    [Params(
        "States.MathAdd($.count, 1)",
        "States.ArrayLength($.items)",
        "States.Format('Hello {} from {}', $.user.name, $.id)",
        "States.JsonToString($.user)",
        "States.StringToJson($.json)",
        "States.Array($.id, $.amount, $.tags[0])",
        "States.ArrayContains($.tags, 'y')",
        "States.Hash($.id, 'SHA-256')",
        "States.UUID()")]
    public string Call { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var input = ((JObject)Workloads.Input("w1"))
            .With("count", JValue.FromNumber(41))
            .With("items", ((JObject)Workloads.Input("w3"))["items"]!)
            .With("json", JValue.FromString("""{"a":1,"b":[true,null,"x"]}"""));
        _scope = new EvaluationScope(input, JObject.Empty, null, DefaultEvaluationServices.Shared);
        try
        {
            _expression = IntrinsicFunction.Parse(Call);
        }
        catch (NotImplementedException)
        {
            Console.WriteLine($"// intrinsic not available: {Call}");
        }
    }

    [Benchmark(Baseline = true)]
    public JValue HandWrittenMathAdd() =>
        JValue.FromNumber(((JNumber)((JObject)_scope.Input)["count"]!).Value + 1);

    [Benchmark]
    public JValue? Evaluate() => _expression?.Evaluate(_scope).Value;
}
