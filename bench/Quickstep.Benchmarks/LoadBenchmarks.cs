using BenchmarkDotNet.Attributes;
using Quickstep.Engine;

namespace Quickstep.Benchmarks;

/// <summary>
/// Definition load (parse, validate, compile) of w1 (100 Pass states), w4 (Parallel 10x10) and a
/// mixed definition with paths, intrinsics and JSONata in every kind of field.
/// </summary>
public class LoadBenchmarks
{
    private const string Mixed = """
        {"StartAt":"P","States":{
          "P":{"Type":"Pass","InputPath":"$.in","Parameters":{"a.$":"$.a","f.$":"States.Format('{} {}', $.x, $.y)","n":{"h.$":"States.Hash($.s, 'SHA-256')"}},"ResultPath":"$.r","OutputPath":"$.r","Assign":{"v.$":"States.ArrayLength($.list)"},"Next":"C"},
          "C":{"Type":"Choice","Choices":[{"Variable":"$.a","StringEqualsPath":"$.b","Next":"M"},{"And":[{"Variable":"$.n","NumericGreaterThan":1},{"Not":{"Variable":"$.z","IsPresent":true}}],"Next":"M"}],"Default":"M"},
          "M":{"Type":"Map","ItemsPath":"$.items","ItemSelector":{"i.$":"$$.Map.Item.Value","k.$":"States.StringToJson($.j)"},"MaxConcurrencyPath":"$.mc","ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Pass","End":true}}},"ResultSelector":{"c.$":"States.ArrayLength($)"},"Next":"J"},
          "J":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"a":"{% $states.input.a %}","b":"{% $sum($states.input.list) %}","c":["{% $uppercase($states.input.s) %}"]},"Assign":{"w":"{% $count($states.input.list) %}"},"Next":"W"},
          "W":{"Type":"Wait","QueryLanguage":"JSONata","Seconds":"{% $states.input.secs %}","Next":"K"},
          "K":{"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Condition":"{% $states.input.a = 'x' %}","Next":"F"}],"Default":"S"},
          "F":{"Type":"Fail","QueryLanguage":"JSONata","Error":"{% 'E' & $states.input.a %}","Cause":"{% $string($states.input) %}"},
          "S":{"Type":"Succeed"}}}
        """;

    private QuickstepEngine _engine = null!;
    private string _definition = "";

    [Params("w1", "w4", "mixed")]
    public string Definition { get; set; } = "w1";

    [GlobalSetup]
    public void Setup()
    {
        _engine = new QuickstepEngine(new EngineOptions { TimeProvider = new VirtualTimeProvider() });
        _definition = Definition == "mixed" ? Mixed : Workloads.Definition(Definition);
    }

    [Benchmark]
    public StateMachine Load() => _engine.Load(_definition, "load");
}
