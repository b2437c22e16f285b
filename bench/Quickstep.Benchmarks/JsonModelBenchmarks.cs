using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// The value-model choice (DESIGN, "Rules that keep it fast"): our immutable <see cref="JValue"/> with
/// structural sharing against System.Text.Json's <see cref="JsonNode"/> (the baseline), on the three
/// things a state transition does to JSON: parse an input, build Parameters from 3 paths and merge the
/// result at a ResultPath without disturbing the input (which history, retries and Catch may still
/// hold), and serialize. A JsonNode has a parent pointer, so a node can live in one tree only: taking
/// it into Parameters, or keeping the input intact, means DeepClone.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonModelBenchmarks
{
    private string _text = "";
    private JValue _value = JValue.Null;
    private JsonNode _node = null!;
    private JsonPath[] _paths = [];
    private string[][] _nodePaths = [];
    private JsonPath _resultPath = null!;

    /// <summary>w1: the 139-byte input of w1; w3: the 44 KB input of w3 (1000 items).</summary>
    [Params("w1", "w3")]
    public string Document { get; set; } = "w1";

    [GlobalSetup]
    public void Setup()
    {
        _text = Workloads.Input(Document).ToString();
        _value = JsonText.Parse(_text);
        _node = JsonNode.Parse(_text)!;
        string[] paths = Document == "w1" ? ["$.id", "$.user.name", "$.tags[0]"] : ["$.items[0]", "$.items[500].v", "$.items[999]"];
        _paths = [.. paths.Select(JsonPath.Parse)];
        _nodePaths = [.. paths.Select(p => p[2..].Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.'))];
        _resultPath = JsonPath.Parse("$.last");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Parse")]
    public JsonNode? ParseJsonNode() => JsonNode.Parse(_text);

    [Benchmark, BenchmarkCategory("Parse")]
    public JValue ParseJValue() => JsonText.Parse(_text);

    [Benchmark(Baseline = true), BenchmarkCategory("Transition")]
    public JsonNode TransitionJsonNode()
    {
        // Parameters: selected nodes are cloned (they already have a parent); ResultPath: the input is cloned (it must stay intact).
        var parameters = new JsonObject
        {
            ["a"] = NodeAt(_node, _nodePaths[0])?.DeepClone(),
            ["b"] = NodeAt(_node, _nodePaths[1])?.DeepClone(),
            ["c"] = NodeAt(_node, _nodePaths[2])?.DeepClone(),
            ["step"] = 1,
        };
        var output = _node.DeepClone();
        output["last"] = parameters;
        return output;
    }

    [Benchmark, BenchmarkCategory("Transition")]
    public JValue TransitionJValue()
    {
        var parameters = new JObjectBuilder(4)
            .AddUnique("a", _paths[0].Select(_value) ?? JValue.Null)
            .AddUnique("b", _paths[1].Select(_value) ?? JValue.Null)
            .AddUnique("c", _paths[2].Select(_value) ?? JValue.Null)
            .AddUnique("step", JValue.FromNumber(1))
            .Build();
        _resultPath.TryAssign(_value, parameters, out var output);
        return output!;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Serialize")]
    public string SerializeJsonNode() => _node.ToJsonString();

    [Benchmark, BenchmarkCategory("Serialize")]
    public string SerializeJValue() => JsonText.Serialize(_value);

    private static JsonNode? NodeAt(JsonNode node, string[] steps)
    {
        JsonNode? n = node;
        foreach (var s in steps)
            n = int.TryParse(s, out var i) ? n?[i] : n?[s];
        return n;
    }
}
