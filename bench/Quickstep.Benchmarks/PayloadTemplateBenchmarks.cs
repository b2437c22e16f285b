using BenchmarkDotNet.Attributes;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Model;
using Quickstep.Asl.Parsing;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// Parameters templates: w1's (3 paths + literals, with a constant subtree folded at compile time), an
/// all-constant one (returned by reference), and one with an intrinsic (skipped until intrinsics land).
/// Baseline: w1's template built by hand with the same paths.
/// </summary>
public class PayloadTemplateBenchmarks
{
    private const string W1Template = """{"id.$":"$.id","name.$":"$.user.name","firstTag.$":"$.tags[0]","step":1,"meta":{"stage":"w1","ok":true}}""";

    private EvaluationScope _scope;
    private PayloadTemplate _w1 = null!;
    private PayloadTemplate _constant = null!;
    private PayloadTemplate? _intrinsic;
    private JsonPath _id = null!;
    private JsonPath _name = null!;
    private JsonPath _tag = null!;
    private JValue _meta = JValue.Null;

    [GlobalSetup]
    public void Setup()
    {
        _scope = new EvaluationScope(Workloads.Input("w1"), JObject.Empty, null, DefaultEvaluationServices.Shared);
        _w1 = Compile(W1Template);
        _constant = Compile("""{"step":1,"meta":{"stage":"w1","ok":true},"list":[1,2,3]}""");
        _intrinsic = Compile("""{"id.$":"$.id","greeting.$":"States.Format('hi {}', $.user.name)","n.$":"States.ArrayLength($.tags)"}""");

        _id = JsonPath.Parse("$.id");
        _name = JsonPath.Parse("$.user.name");
        _tag = JsonPath.Parse("$.tags[0]");
        _meta = JsonText.Parse("""{"stage":"w1","ok":true}""");
    }

    [Benchmark(Baseline = true)]
    public JValue HandWrittenW1Parameters() => new JObjectBuilder(5)
        .AddUnique("id", _id.Select(_scope.Input)!)
        .AddUnique("name", _name.Select(_scope.Input)!)
        .AddUnique("firstTag", _tag.Select(_scope.Input)!)
        .AddUnique("step", JValue.FromNumber(1))
        .AddUnique("meta", _meta)
        .Build();

    [Benchmark]
    public JValue W1Parameters() => _w1.Evaluate(_scope).Value!;

    [Benchmark]
    public JValue ConstantTemplate() => _constant.Evaluate(_scope).Value!;

    [Benchmark]
    public JValue? WithIntrinsics() => _intrinsic?.Evaluate(_scope).Value;

    /// <summary>The template as a Pass state's Parameters, with the expressions the loader parsed.</summary>
    private static PayloadTemplate Compile(string template)
    {
        var loaded = DefinitionLoader.Load("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":" + template + ",\"End\":true}}}");
        var parameters = ((PassState)loaded.Definition!.States[0]).Parameters!;
        return PayloadTemplate.Compile(parameters, loaded.Definition.Expressions);
    }
}
