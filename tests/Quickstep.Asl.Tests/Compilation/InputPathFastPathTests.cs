using Quickstep.Asl.Compilation;
using Quickstep.Asl.Parsing;
using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Tests.Compilation;

/// <summary>The "$states.input.a.b" fast path of JsonataTemplate must give exactly what JSONata gives.</summary>
public sealed class InputPathFastPathTests
{
    [Theory]
    [InlineData("{\"a\":{\"b\":1}}", "$states.input.a.b")]
    [InlineData("{\"a\":[\"x\"]}", "$states.input.a")]
    [InlineData("{\"a\":[1,2]}", "$states.input.a")]
    [InlineData("{\"a\":{\"b\":[{\"c\":1}]}}", "$states.input.a.b")]
    [InlineData("{\"a\":[{\"b\":1},{\"b\":2}]}", "$states.input.a.b")]
    [InlineData("{\"a\":{\"b\":null}}", "$states.input.a.b")]
    [InlineData("{\"a\":{\"b\":{}}}", "$states.input.a.b")]
    public void Template_InputPath_EqualsJsonata(string input, string expression)
    {
        var scope = new EvaluationScope(JsonText.Parse(input), JObject.Empty, null, DefaultEvaluationServices.Shared);
        var expected = JsonataExpression.Parse(expression).Evaluate(scope);
        var loaded = DefinitionLoader.Load("{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Output\":\"{% " + expression + " %}\",\"End\":true}}}");
        var output = loaded.Definition!.States[0].Output!;
        var actual = JsonataTemplate.Compile(output, "Output", loaded.Definition.Expressions).Evaluate(scope);
        Assert.Equal(expected!.ToString(), actual.Value?.ToString());
    }
}
