using BenchmarkDotNet.Attributes;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// Compiled JSONPath selection on w1's input plus w3's 1000 items. Baseline: the same lookup written
/// by hand against the value model (the floor a reference path can reach).
/// </summary>
public class JsonPathBenchmarks
{
    private JObject _doc = JObject.Empty;
    private JsonPath _name = null!;
    private JsonPath _tag = null!;
    private JsonPath _deep = null!;
    private JsonPath _filter = null!;
    private JsonPath _descendant = null!;
    private JsonPath _wildcard = null!;

    [GlobalSetup]
    public void Setup()
    {
        _doc = ((JObject)Workloads.Input("w1")).With("items", ((JObject)Workloads.Input("w3"))["items"]!);
        _name = JsonPath.Parse("$.user.name");
        _tag = JsonPath.Parse("$.tags[0]");
        _deep = JsonPath.Parse("$.items[500].v");
        _filter = JsonPath.Parse("$.items[?(@.v > 990)]");
        _descendant = JsonPath.Parse("$..tier");
        _wildcard = JsonPath.Parse("$.items[*].id");
    }

    [Benchmark(Baseline = true)]
    public JValue? HandWrittenUserName() =>
        _doc.TryGetValue("user", out var u) && u is JObject o && o.TryGetValue("name", out var n) ? n : null;

    [Benchmark]
    public JValue? ReferenceUserName() => _name.Select(_doc);

    [Benchmark]
    public JValue? ReferenceTagIndex() => _tag.Select(_doc);

    [Benchmark]
    public JValue? ReferenceItem500() => _deep.Select(_doc);

    [Benchmark]
    public JValue? FilterOver1000Items() => _filter.Select(_doc);

    [Benchmark]
    public JValue? WildcardOver1000Items() => _wildcard.Select(_doc);

    [Benchmark]
    public JValue? DescendantScan() => _descendant.Select(_doc);
}
