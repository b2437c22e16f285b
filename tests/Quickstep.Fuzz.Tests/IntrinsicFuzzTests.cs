using CsCheck;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Intrinsics;
using Quickstep.Json;

namespace Quickstep.Fuzz.Tests;

/// <summary>Intrinsic functions: any text parses or fails with a message; a parsed call evaluates or raises a States error, nothing else.</summary>
public sealed class IntrinsicFuzzTests
{
    private static readonly string[] Tokens =
    [
        "States.Format(", "States.StringToJson(", "States.JsonToString(", "States.Array(", "States.ArrayPartition(", "States.ArrayContains(",
        "States.ArrayRange(", "States.ArrayGetItem(", "States.ArrayLength(", "States.ArrayUnique(", "States.Base64Encode(", "States.Base64Decode(",
        "States.Hash(", "States.JsonMerge(", "States.MathRandom(", "States.MathAdd(", "States.StringSplit(", "States.UUID(", "States.Nope(",
        ")", ",", ", ", "'x'", "'{}'", "'{} and {}'", "'\\''", "'\\{'", "'[1,2]'", "'{\"a\":1}'", "'SHA-256'", "'MD5'", "'aGk='", "'!!'",
        "$.a", "$.b", "$.a[0]", "$$.Execution.Id", "$", "1", "0", "-1", "3", "2147483648", "1e308", "0.5", "null", "true", " ", "'",
    ];

    private static readonly string[] Seeds =
    [
        "States.Format('{} {}', $.a, $.b)", "States.StringToJson('{\"a\":1}')", "States.JsonToString($.a)", "States.Array(1, 'x', $.b)",
        "States.ArrayPartition($.a, 2)", "States.ArrayContains($.a, 1)", "States.ArrayRange(1, 9, 2)", "States.ArrayGetItem($.a, 0)",
        "States.ArrayLength($.a)", "States.ArrayUnique($.a)", "States.Base64Encode('hi')", "States.Base64Decode('aGk=')",
        "States.Hash('x', 'SHA-256')", "States.JsonMerge($.a, $.b, false)", "States.MathRandom(1, 9)", "States.MathAdd(1, -2)",
        "States.StringSplit('a,b', ',')", "States.UUID()", "States.Format('{}', States.Array(States.MathAdd(1, 2)))",
    ];

    [Fact]
    public void ParseEvaluate_TokenCalls_ParseErrorOrStatesError() =>
        Fuzz.Run(Gen.Select(Mutations.Tokens(Tokens, 16), Documents.Any), (text, input) => Exercise(text, input), 5000);

    [Fact]
    public void ParseEvaluate_MutatedCalls_ParseErrorOrStatesError() =>
        Fuzz.Run(Gen.Select(Mutations.Of(Seeds), Documents.Any), (text, input) => Exercise(text, input), 5000);

    private static void Exercise(string text, JValue input)
    {
        if (!IntrinsicFunction.TryParse(text, out var call, out var error))
        {
            Assert.False(string.IsNullOrEmpty(error));
            return;
        }

        var scope = new EvaluationScope(input, JsonText.Parse("""{"Execution":{"Id":"arn"}}"""), null, new DefaultEvaluationServices(seed: 1));
        var result = call.Evaluate(scope);
        if (result.Failed)
            Assert.StartsWith("States.", result.Error.Error, StringComparison.Ordinal);
        else
            Assert.NotNull(result.Value);
    }
}
