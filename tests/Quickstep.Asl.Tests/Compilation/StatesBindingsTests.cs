using System.Diagnostics.CodeAnalysis;
using Quickstep.Asl.Compilation;
using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Tests.Compilation;

/// <summary>JSONata in a state: <c>$states</c>, workflow variables and injected services.</summary>
public sealed class StatesBindingsTests
{
    private static readonly JValue Input = JsonText.Parse("""{"a":{"b":[1,2,3],"c":"x"},"n":5}""");
    private static readonly JValue Context = JsonText.Parse("""{"Execution":{"Id":"exec-1"},"State":{"Name":"S"}}""");

    private static JValue? Eval(string expr, IVariableScope? vars = null, JValue? result = null, JValue? errorOutput = null, IEvaluationServices? services = null)
    {
        var scope = new EvaluationScope(Input, Context, vars, services ?? DefaultEvaluationServices.Shared) { Result = result, ErrorOutput = errorOutput };
        return JsonataExpression.Parse(expr).Evaluate(in scope);
    }

    private static string? Text(JValue? v) => v?.ToString();

    [Theory]
    [InlineData("$states.input.a.c", "\"x\"")]
    [InlineData("$states.input.a.b", "[1,2,3]")]
    [InlineData("$states.input.a.b[1]", "2")]
    [InlineData("$sum($states.input.a.b) + $states.input.n", "11")]
    [InlineData("$states.context.Execution.Id", "\"exec-1\"")]
    [InlineData("$states.input.a.{ 'c': c }", "{\"c\":\"x\"}")]
    public void Evaluate_Scope_ReadsStatesInputAndContext(string expr, string expected)
    {
        Assert.Equal(expected, Text(Eval(expr)));
    }

    [Theory]
    [InlineData("$states.input.missing")]
    [InlineData("$states.input.a.b[10]")]
    [InlineData("$")]
    [InlineData("a")]
    [InlineData("$nosuchvariable")]
    public void Evaluate_Undefined_ReturnsNull(string expr)
    {
        Assert.Null(Eval(expr));
    }

    [Theory]
    [InlineData("$states.input[0]", "{\"a\":1}")]
    [InlineData("$states.input[-1].a", "2")]
    [InlineData("$states.input[5]", null)]
    [InlineData("$states.input.a", "[1,2]")]
    [InlineData("$states.input[1]", "{\"a\":2}")]
    public void Evaluate_ArrayInput_IndexesAndFlattens(string expr, string? expected)
    {
        var scope = new EvaluationScope(JsonText.Parse("""[{"a":1},{"a":2}]"""), Context, null, DefaultEvaluationServices.Shared);
        Assert.Equal(expected, Text(JsonataExpression.Parse(expr).Evaluate(in scope)));
    }

    [Fact]
    public void Evaluate_ResultAndErrorOutput_BoundOnlyWhenSet()
    {
        Assert.Equal("[false,false]", Text(Eval("[$exists($states.result), $exists($states.errorOutput)]")));
        Assert.Equal("42", Text(Eval("$states.result.v", result: JsonText.Parse("""{"v":42}"""))));
        Assert.Equal("\"E\"", Text(Eval("$states.errorOutput.Error", errorOutput: JsonText.Parse("""{"Error":"E"}"""))));
        Assert.Equal("[\"input\",\"context\"]", Text(Eval("$keys($states)")));
    }

    [Fact]
    public void Evaluate_Variables_ResolvedAfterLocalBindingsAndBeforeLibrary()
    {
        var vars = new Variables(new() { ["x"] = JValue.FromNumber(41), ["string"] = JValue.FromString("shadowed") });
        Assert.Equal("42", Text(Eval("$x + 1", vars)));
        Assert.Equal("5", Text(Eval("($x := 5; $x)", vars)));
        Assert.Equal("\"shadowed\"", Text(Eval("$string", vars)));
        Assert.Equal("\"3\"", Text(Eval("$length('abc') ~> $formatBase(10)", vars)));
    }

    [Fact]
    public void Evaluate_ServicesProvideClockRandomAndUuid()
    {
        var services = new FixedServices();
        Assert.Equal("\"2024-05-06T07:08:09.010Z\"", Text(Eval("$now()", services: services)));
        Assert.Equal("1714979289010", Text(Eval("$millis()", services: services)));
        Assert.Equal("0.25", Text(Eval("$random()", services: services)));
        Assert.Equal("\"00000000-0000-0000-0000-000000000001\"", Text(Eval("$uuid()", services: services)));
        Assert.Equal("true", Text(Eval("$now() = $fromMillis($millis())", services: services)));
    }

    [Fact]
    public void Evaluate_Concurrently_SharesOneParsedExpression()
    {
        var expr = JsonataExpression.Parse("$states.input.a.b ~> $map(function($v, $i){ $v * $i + $states.input.n }) ~> $sum()");
        var results = new string?[64];
        Parallel.For(0, results.Length, i =>
        {
            var scope = new EvaluationScope(Input, Context, null, DefaultEvaluationServices.Shared);
            for (var k = 0; k < 200; k++)
                results[i] = Text(expr.Evaluate(in scope));
        });
        Assert.All(results, r => Assert.Equal("23", r));
    }

    private sealed class Variables(Dictionary<string, JValue> values) : IVariableScope
    {
        public bool TryGet(string name, [NotNullWhen(true)] out JValue? value) => values.TryGetValue(name, out value);
    }

    private sealed class FixedServices : IEvaluationServices
    {
        public DateTimeOffset UtcNow => new(2024, 5, 6, 7, 8, 9, 10, TimeSpan.Zero);

        public Guid NewGuid() => new("00000000-0000-0000-0000-000000000001");

        public double NextDouble() => 0.25;
    }
}
