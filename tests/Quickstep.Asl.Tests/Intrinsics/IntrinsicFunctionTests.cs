using System.Diagnostics.CodeAnalysis;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Intrinsics;
using Quickstep.Json;

namespace Quickstep.Asl.Tests.Intrinsics;

public sealed class IntrinsicFunctionTests
{
    private const string Input = """
        {
          "s": "hello", "empty": "", "n": 3, "f": 1.5, "neg": -2, "t": true, "nul": null,
          "arr": [1, 2, 3, 2, 1], "nested": [[1, 2], {"a": 1}, {"a": 1}, "x", 1.0],
          "obj": {"a": 1, "b": [2]}, "obj2": {"b": 3, "c": 4},
          "json": "{\"k\": [1, 2.50, \"v\"]}", "csv": "a,b;c", "tpl": "{} and {}", "b64": "SGVsbG8g8J+Zgg=="
        }
        """;

    private static readonly JValue InputDoc = JsonText.Parse(Input);

    private static EvaluationScope Scope(IEvaluationServices? services = null, IVariableScope? variables = null) =>
        new(InputDoc, JsonText.Parse("{\"Execution\":{\"Name\":\"run-1\"},\"StateMachine\":{\"Id\":\"arn:sm\",\"Name\":\"my-machine\"}}"), variables, services ?? new FixedServices());

    private static string Eval(string text, IEvaluationServices? services = null, IVariableScope? variables = null) =>
        IntrinsicFunction.Parse(text).Evaluate(Scope(services, variables)).ToString();

    [Theory]
    [InlineData("States.Format('a {} b {} c', $.s, $.n)", "\"a hello b 3 c\"")]
    [InlineData("States.Format('{}{}{}{}', $.t, $.nul, $.f, $.neg)", "\"truenull1.5-2\"")]
    [InlineData("States.Format('no slots')", "\"no slots\"")]
    [InlineData("States.Format('esc \\{\\} {} \\' \\\\', 'x')", "\"esc {} x ' \\\\\"")]
    [InlineData("States.Format('{}', $.obj)", "\"{a=1, b=[2]}\"")]
    [InlineData("States.Format('{}', $.arr)", "\"[1, 2, 3, 2, 1]\"")]
    [InlineData("States.Format($.tpl, 1, 'two')", "\"1 and two\"")]
    [InlineData("States.Format('{} {}', 1.50, 2e3)", "\"1.5 2000.0\"")]
    [InlineData("States.Format('{}', $$.Execution.Name)", "\"run-1\"")]
    [InlineData("States.Format('{}', $$.StateMachine)", "\"{Id=arn:sm, Name=my-machine}\"")]
    [InlineData("States.Format('{} {}', $.arr.[0], $.obj.['a'])", "\"1 1\"")]
    public void Format_Values_PrintLikeAws(string text, string expected) => Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("States.StringToJson($.json)", "{\"k\":[1,2.50,\"v\"]}")]
    [InlineData("States.StringToJson($.empty)", "null")]
    [InlineData("States.StringToJson('[1, true]')", "[1,true]")]
    [InlineData("States.StringToJson('\"x\"')", "\"x\"")]
    [InlineData("States.JsonToString($.obj)", "\"{\\\"a\\\":1,\\\"b\\\":[2]}\"")]
    [InlineData("States.JsonToString($.f)", "\"1.5\"")]
    [InlineData("States.JsonToString($.nul)", "\"null\"")]
    [InlineData("States.JsonToString($.s)", "\"\\\"hello\\\"\"")]
    [InlineData("States.JsonToString(States.Array(1, 'a'))", "\"[1,\\\"a\\\"]\"")]
    public void JsonFunctions_RoundTrip(string text, string expected) => Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("States.Array()", "[]")]
    [InlineData("States.Array(1, 'a', true, null, $.obj, States.Array(2))", "[1,\"a\",true,null,{\"a\":1,\"b\":[2]},[2]]")]
    [InlineData("States.ArrayPartition($.arr, 2)", "[[1,2],[3,2],[1]]")]
    [InlineData("States.ArrayPartition($.arr, 5)", "[[1,2,3,2,1]]")]
    [InlineData("States.ArrayPartition($.arr, 9)", "[[1,2,3,2,1]]")]
    [InlineData("States.ArrayContains($.arr, 3)", "true")]
    [InlineData("States.ArrayContains($.arr, 4)", "false")]
    [InlineData("States.ArrayContains($.nested, $.obj.b)", "false")]
    [InlineData("States.ArrayContains($.nested, States.StringToJson('{\"a\":1}'))", "true")]
    [InlineData("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]")]
    [InlineData("States.ArrayRange(0, 10, 3)", "[0,3,6,9]")]
    [InlineData("States.ArrayRange(5, 1, -2)", "[5,3,1]")]
    [InlineData("States.ArrayRange(5, 1, 1)", "[]")]
    [InlineData("States.ArrayRange(0, -1, 2)", "[]")]
    [InlineData("States.ArrayRange(0, 999, 1)", null)]
    [InlineData("States.ArrayGetItem($.arr, 2)", "3")]
    [InlineData("States.ArrayGetItem($.nested, 1)", "{\"a\":1}")]
    [InlineData("States.ArrayLength($.arr)", "5")]
    [InlineData("States.ArrayLength(States.Array())", "0")]
    [InlineData("States.ArrayUnique($.arr)", "[1,2,3]")]
    [InlineData("States.ArrayUnique($.nested)", "[[1,2],{\"a\":1},\"x\",1.0]")]
    public void ArrayFunctions_ComputeAsDocumented(string text, string? expected)
    {
        var actual = Eval(text);
        if (expected is not null)
            Assert.Equal(expected, actual);
    }

    [Fact]
    public void ArrayRange_AtTheLimit_Has1000Items()
    {
        Assert.Equal(1000, ((JArray)IntrinsicFunction.Parse("States.ArrayRange(0, 999, 1)").Evaluate(Scope()).Value!).Count);
    }

    [Theory]
    [InlineData("States.Base64Encode('Data to encode')", "\"RGF0YSB0byBlbmNvZGU=\"")]
    [InlineData("States.Base64Encode($.empty)", "\"\"")]
    [InlineData("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", "\"Data to encode\"")]
    [InlineData("States.Base64Decode(States.Base64Encode('ü€'))", "\"ü€\"")]
    [InlineData("States.Hash('input data', 'MD5')", "\"812f45842bc6d66ee14572ce20db8e86\"")]
    [InlineData("States.Hash('input data', 'SHA-1')", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"")]
    [InlineData("States.Hash('input data', 'SHA-256')", "\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"")]
    [InlineData("States.Hash('input data', 'SHA-384')", "\"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562\"")]
    [InlineData("States.Hash('input data', 'SHA-512')", "\"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4\"")]
    public void EncodingFunctions_MatchRecordedAws(string text, string expected) => Assert.Equal(expected, Eval(text));

    [Fact]
    public void Base64Decode_NonBmpText_DecodesToTheString()
    {
        Assert.Equal("Hello 🙂", ((JString)IntrinsicFunction.Parse("States.Base64Decode($.b64)").Evaluate(Scope()).Value!).Value);
    }

    [Theory]
    [InlineData("States.JsonMerge($.obj, $.obj2, false)", "{\"a\":1,\"b\":3,\"c\":4}")]
    [InlineData("States.JsonMerge($.obj2, $.obj, false)", "{\"b\":[2],\"c\":4,\"a\":1}")]
    [InlineData("States.JsonMerge($.obj, States.StringToJson('{}'), false)", "{\"a\":1,\"b\":[2]}")]
    public void JsonMerge_Shallow_SecondWins(string text, string expected) => Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("States.MathAdd(1, 2)", "3")]
    [InlineData("States.MathAdd($.n, $.neg)", "1")]
    [InlineData("States.MathAdd($.f, 0)", "2")]
    [InlineData("States.MathAdd(-2.5, 0)", "-2")]
    [InlineData("States.MathAdd(-0.5, 0.5)", "1")]
    [InlineData("States.MathAdd(-1.5, -1.51)", "-3")]
    [InlineData("States.MathAdd(2147483647, 1)", "2147483648")]
    [InlineData("States.MathAdd(States.ArrayLength($.arr), -1)", "4")]
    public void MathAdd_RoundsLikeJavaThenAdds(string text, string expected) => Assert.Equal(expected, Eval(text));

    [Fact]
    public void MathRandom_NoSeed_UsesServicesAndStaysInRange()
    {
        Assert.Equal("1", Eval("States.MathRandom(1, 10)", new FixedServices(0.0)));
        Assert.Equal("10", Eval("States.MathRandom(1, 10)", new FixedServices(0.999999)));
        Assert.Equal("5", Eval("States.MathRandom(1, 10)", new FixedServices(0.45)));
        Assert.Equal("-5", Eval("States.MathRandom(-5, -5)", new FixedServices(0.7)));
    }

    [Fact]
    public void MathRandom_WithSeed_IsDeterministicAndInRange()
    {
        var call = IntrinsicFunction.Parse("States.MathRandom(0, 999, 3)");
        var first = call.Evaluate(Scope(new FixedServices(0.1)));
        for (var i = 0; i < 5; i++)
            Assert.Equal(first, call.Evaluate(Scope(new FixedServices(0.9))));
        var values = new HashSet<double>();
        for (var seed = 0; seed < 50; seed++)
        {
            var v = ((JNumber)IntrinsicFunction.Parse($"States.MathRandom(10, 20, {seed})").Evaluate(Scope()).Value!).Value;
            Assert.InRange(v, 10, 20);
            values.Add(v);
        }

        Assert.True(values.Count > 3);
    }

    [Theory]
    [InlineData("States.StringSplit($.csv, ',;')", "[\"a\",\"b\",\"c\"]")]
    [InlineData("States.StringSplit(',,a,,', ',')", "[\"a\"]")]
    [InlineData("States.StringSplit(',,,,', ',')", "[]")]
    [InlineData("States.StringSplit('abc', '')", "[\"abc\"]")]
    [InlineData("States.StringSplit('', ',')", "[]")]
    [InlineData("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 1)", "\"machine\"")]
    public void StringSplit_EachCharacterSeparates(string text, string expected) => Assert.Equal(expected, Eval(text));

    [Fact]
    public void Uuid_ComesFromServices()
    {
        Assert.Equal("\"00000000-0000-0000-0000-00000000002a\"", Eval("States.UUID()"));
    }

    [Fact]
    public void Paths_Variables_AreReadFromScope()
    {
        var vars = new Vars(new Dictionary<string, JValue> { ["greeting"] = JString.Create("hi"), ["cfg"] = JsonText.Parse("{\"n\":[4]}") });
        Assert.Equal("\"hi 4\"", Eval("States.Format('{} {}', $greeting, $cfg.n[0])", variables: vars));
    }

    [Theory]
    [InlineData("States.Format( '{}' ,  $.s )", "\"hello\"")]
    [InlineData("States.Array($.arr[?(@ > 2)], $.obj['a'], $['s'])", "[[3],1,\"hello\"]")]
    [InlineData("States.Array($.arr[0,1])", "[[1,2]]")]
    [InlineData("States.Array($)", null)]
    [InlineData("States.Array(-1, 0.5, 1e2)", "[-1,0.5,1e2]")]
    public void Parse_ArgumentForms_AreAccepted(string text, string? expected)
    {
        var actual = Eval(text);
        if (expected is not null)
            Assert.Equal(expected, actual);
    }

    [Fact]
    public void Parse_NestingOfTen_IsAccepted_AndElevenRejected()
    {
        static string Nest(int n) => n == 0 ? "1" : $"States.Array({Nest(n - 1)})";
        Assert.Equal("[[[[[[[[[[1]]]]]]]]]]", Eval(Nest(10)));
        Assert.Throws<IntrinsicSyntaxException>(() => IntrinsicFunction.Parse(Nest(11)));
    }

    [Fact]
    public void Text_IsTheSourceText()
    {
        const string text = "States.Format('{}', States.ArrayLength($.arr))";
        Assert.Equal(text, IntrinsicFunction.Parse(text).Text);
    }

    [Theory]
    [InlineData("States.Nope(1)")]
    [InlineData("States.Format")]
    [InlineData("States.Format(")]
    [InlineData("States.Format('x'")]
    [InlineData("States.Format('x') trailing")]
    [InlineData("States.Format('unterminated)")]
    [InlineData("States.Format('{}')")]
    [InlineData("States.Format('x', 1)")]
    [InlineData("States.Format(1)")]
    [InlineData("States.Format()")]
    [InlineData("States.Format('bad \\\" escape')")]
    [InlineData("States.Format('bad \\n escape')")]
    [InlineData("States.Format('x',)")]
    [InlineData("States.Format(,'x')")]
    [InlineData("States.Array(foo)")]
    [InlineData("States.Array(1.)")]
    [InlineData("States.Array(--1)")]
    [InlineData("States.Array($.a b)")]
    [InlineData("States.Array($[)")]
    [InlineData("States.StringToJson()")]
    [InlineData("States.StringToJson(1)")]
    [InlineData("States.JsonToString('x')")]
    [InlineData("States.JsonToString($.a, $.b)")]
    [InlineData("States.ArrayPartition('x', 1)")]
    [InlineData("States.ArrayPartition($.arr, 0)")]
    [InlineData("States.ArrayPartition($.arr, 1.5)")]
    [InlineData("States.ArrayPartition($.arr)")]
    [InlineData("States.ArrayContains($.arr)")]
    [InlineData("States.ArrayContains(1, 1)")]
    [InlineData("States.ArrayRange(1, 2)")]
    [InlineData("States.ArrayRange(1, 2, 0)")]
    [InlineData("States.ArrayRange('1', 2, 1)")]
    [InlineData("States.ArrayRange(1.5, 2, 1)")]
    [InlineData("States.ArrayGetItem($.arr, -1)")]
    [InlineData("States.ArrayGetItem($.arr, 'a')")]
    [InlineData("States.ArrayLength('abc')")]
    [InlineData("States.ArrayUnique(null)")]
    [InlineData("States.Base64Encode(1)")]
    [InlineData("States.Base64Decode(true)")]
    [InlineData("States.Hash('x', 'SHA-3')")]
    [InlineData("States.Hash('x', 1)")]
    [InlineData("States.Hash('x')")]
    [InlineData("States.JsonMerge($.obj, $.obj2, true)")]
    [InlineData("States.JsonMerge($.obj, $.obj2, 'false')")]
    [InlineData("States.JsonMerge($.obj, 'x', false)")]
    [InlineData("States.JsonMerge($.obj, $.obj2)")]
    [InlineData("States.MathRandom(1)")]
    [InlineData("States.MathRandom(1, 2, 3, 4)")]
    [InlineData("States.MathRandom('1', 2)")]
    [InlineData("States.MathAdd(1)")]
    [InlineData("States.MathAdd(1, '2')")]
    [InlineData("States.MathAdd(1, null)")]
    [InlineData("States.StringSplit(1, ',')")]
    [InlineData("States.StringSplit('a')")]
    [InlineData("States.UUID(1)")]
    [InlineData("Format('x')")]
    public void Parse_BadCall_ThrowsIntrinsicSyntaxException(string text)
    {
        Assert.Throws<IntrinsicSyntaxException>(() => IntrinsicFunction.Parse(text));
        Assert.False(IntrinsicFunction.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("States.Format($.n, 1)")]
    [InlineData("States.Format($.tpl, 1)")]
    [InlineData("States.StringToJson($.n)")]
    [InlineData("States.StringToJson('{bad')")]
    [InlineData("States.ArrayPartition($.obj, 1)")]
    [InlineData("States.ArrayPartition($.arr, $.neg)")]
    [InlineData("States.ArrayPartition($.arr, $.f)")]
    [InlineData("States.ArrayContains($.s, 1)")]
    [InlineData("States.ArrayRange($.s, 1, 1)")]
    [InlineData("States.ArrayRange(0, 1000, 1)")]
    [InlineData("States.ArrayRange(0, 10, States.MathAdd(0, 0))")]
    [InlineData("States.ArrayGetItem($.arr, 5)")]
    [InlineData("States.ArrayGetItem($.arr, $.neg)")]
    [InlineData("States.ArrayGetItem($.arr, $.f)")]
    [InlineData("States.ArrayGetItem($.obj, 0)")]
    [InlineData("States.ArrayLength($.obj)")]
    [InlineData("States.ArrayUnique($.s)")]
    [InlineData("States.Base64Encode($.n)")]
    [InlineData("States.Base64Decode('not base64!')")]
    [InlineData("States.Base64Decode('/w==')")]
    [InlineData("States.Hash($.s, $.s)")]
    [InlineData("States.JsonMerge($.arr, $.obj, false)")]
    [InlineData("States.JsonMerge($.obj, $.obj2, $.t)")]
    [InlineData("States.MathAdd($.s, 1)")]
    [InlineData("States.MathRandom(5, 1)")]
    [InlineData("States.StringSplit($.arr, ',')")]
    public void Evaluate_BadRuntimeValue_ThrowsIntrinsicFailure(string text)
    {
        var call = IntrinsicFunction.Parse(text);
        var e = call.Evaluate(Scope());
        Assert.True(e.Failed);
        Assert.Equal(StatesErrors.IntrinsicFailure, e.Error.Error);
        Assert.False(string.IsNullOrEmpty(e.Error.Cause));
    }

    [Fact]
    public void Evaluate_WrongType_NamesFunctionArgumentAndValue()
    {
        var e = IntrinsicFunction.Parse("States.ArrayLength($.s)").Evaluate(Scope());
        Assert.Equal("Invalid arguments in States.ArrayLength: the 1st argument must be an array, but was a string: \"hello\"", e.Error?.Cause);
    }

    [Theory]
    [InlineData("States.StringSplit($.n, $.arr)", "the 1st argument must be a string, but was a number: 3")]
    [InlineData("States.StringSplit($.s, $.arr)", "the 2nd argument must be a string, but was an array: [1,2,3,2,1]")]
    [InlineData("States.JsonMerge($.obj, $.obj2, $.s)", "the 3rd argument must be a boolean, but was a string: \"hello\"")]
    [InlineData("States.ArrayGetItem($.arr, $.f)", "the 2nd argument must be an integer, but was a number: 1.5")]
    public void Evaluate_FirstWrongArgument_IsTheOneReported(string text, string problem)
    {
        var name = text[..text.IndexOf('(', StringComparison.Ordinal)];
        Assert.Equal($"Invalid arguments in {name}: {problem}", IntrinsicFunction.Parse(text).Evaluate(Scope()).Error?.Cause);
    }

    [Theory]
    [InlineData("States.ArrayGetItem($.arr, 2147483648)", "2nd", "2147483648")]
    [InlineData("States.ArrayRange(0, 10, -2147483649)", "3rd", "-2147483649")]
    [InlineData("States.ArrayPartition($.arr, 1e10)", "2nd", "1e10")]
    public void Evaluate_IntegerBeyond32Bits_IsAnIntrinsicFailure(string text, string ordinal, string value)
    {
        var e = IntrinsicFunction.Parse(text).Evaluate(Scope());
        Assert.Equal(StatesErrors.IntrinsicFailure, e.Error?.Error);
        Assert.EndsWith($"the {ordinal} argument {value} is out of the integer range", e.Error?.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingPath_StopsBeforeTheLaterArguments()
    {
        // The 1st argument's path fails (States.Runtime, as for any path); the 2nd, of the wrong type, is never reached.
        var e = IntrinsicFunction.Parse("States.StringSplit($.missing, $.n)").Evaluate(Scope());
        Assert.Equal(StatesErrors.Runtime, e.Error?.Error);
        Assert.StartsWith("The JSONPath '$.missing' could not be found", e.Error?.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OptionalSeed_GivesTheSameValueForTheSameSeed()
    {
        // The services' random source is a constant here, so distinct values can only come from the seeds.
        var bySeed = Enumerable.Range(1, 5).Select(seed => Eval($"States.MathRandom(1, 1000, {seed})")).ToArray();
        Assert.Equal(bySeed, Enumerable.Range(1, 5).Select(seed => Eval($"States.MathRandom(1, 1000, {seed})")));
        Assert.True(bySeed.Distinct().Count() > 1, string.Join(", ", bySeed));
        Assert.Equal(
            "Invalid arguments in States.MathRandom: the 3rd argument must be a number, but was a string: \"hello\"",
            IntrinsicFunction.Parse("States.MathRandom(1, 10, $.s)").Evaluate(Scope()).Error?.Cause);
    }

    [Fact]
    public void Evaluate_LongInputs_ExceedTheTenThousandCharacterLimit()
    {
        var big = new string('a', 10_001);
        var scope = new EvaluationScope(new JObjectBuilder().Set("big", JString.Create(big)).Build(), JObject.Empty, null, new FixedServices());
        foreach (var f in new[] { "States.Base64Encode($.big)", "States.Base64Decode($.big)", "States.Hash($.big, 'MD5')" })
        {
            var e = IntrinsicFunction.Parse(f).Evaluate(scope);
            Assert.Equal(StatesErrors.IntrinsicFailure, e.Error?.Error);
        }
    }

    [Theory]
    [InlineData("States.Format('{}', $.missing)", "$.missing")]
    [InlineData("States.Array($$.Execution.Nope)", "$$.Execution.Nope")]
    [InlineData("States.Array($undefinedVar)", "$undefinedVar")]
    public void Evaluate_PathNotFound_ThrowsRuntime(string text, string path)
    {
        var e = IntrinsicFunction.Parse(text).Evaluate(Scope());
        Assert.True(e.Failed);
        Assert.Equal(StatesErrors.Runtime, e.Error.Error);
        Assert.Contains($"'{path}'", e.Error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void IsIntrinsic_StatesPrefix_IsTrue()
    {
        Assert.True(IntrinsicFunction.IsIntrinsic("States.Format('x')"));
        Assert.False(IntrinsicFunction.IsIntrinsic("$.x"));
    }

    private sealed class FixedServices(double next = 0.5) : IEvaluationServices
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UnixEpoch;

        public Guid NewGuid() => new("00000000-0000-0000-0000-00000000002a");

        public double NextDouble() => next;
    }

    private sealed class Vars(Dictionary<string, JValue> values) : IVariableScope
    {
        public bool TryGet(string name, [NotNullWhen(true)] out JValue? value) => values.TryGetValue(name, out value);
    }
}
