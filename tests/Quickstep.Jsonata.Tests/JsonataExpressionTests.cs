using Quickstep.Json;

namespace Quickstep.Jsonata.Tests;

public sealed class JsonataExpressionTests
{
    private static string? Text(JValue? v) => v?.ToString();

    [Fact]
    public void Evaluate_Input_BindingsAndOuterArray()
    {
        var e = JsonataExpression.Parse("$[0] + $y");
        Assert.Equal("11", Text(e.Evaluate(JsonText.Parse("[1,2]"), new Dictionary<string, JValue> { ["y"] = JValue.FromNumber(10) })));
        Assert.Equal("[1,2]", Text(JsonataExpression.Parse("$").Evaluate(JsonText.Parse("[1,2]"))));
        Assert.Null(JsonataExpression.Parse("x").Evaluate(null));
    }

    [Theory]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("1e21 * 1", "1e+21")]
    [InlineData("1 / 8000000", "1.25e-7")]
    [InlineData("$string(1e21)", "\"1e+21\"")]
    [InlineData("$string(0.1 + 0.2)", "\"0.3\"")]
    [InlineData("$round(2.5) & ',' & $round(3.5) & ',' & $round(-2.5)", "\"2,4,-2\"")]
    public void Evaluate_Numbers_FormatAsJavaScript(string expr, string expected)
    {
        Assert.Equal(expected, Text(JsonataExpression.Parse(expr).Evaluate(null)));
    }

    [Theory]
    [InlineData("λ($arr, $sep)<a<>s?:s>{$join($arr, $sep)}(['a','b'], '-')", "\"a-b\"")]
    [InlineData("λ($arr, $sep)<a<>s?:s>{$join($arr, $sep)}(['a'])", "\"a\"")]
    [InlineData("λ($arr)<a<s>:s>{$join($arr)}(['a','b'])", "\"ab\"")]
    public void Signature_EmptyArraySubtype_ConstrainsNothing(string expr, string expected)
    {
        // Found by JsonataFuzzTests (seed 11GDzSM7_Cv3): a<> threw IndexOutOfRangeException while validating arguments.
        Assert.Equal(expected, Text(JsonataExpression.Parse(expr).Evaluate(null)));
    }

    [Theory]
    [InlineData("λ($a, $b)<s?3+:a<n>>{[$a, $b]}(1, 2)")]
    [InlineData("λ($a)<s?+>{$a}('x')")]
    public void Signature_ModifiersNoPatternAccepts_S0401(string expr)
    {
        // Found by JsonataFuzzTests (seed aRkQfCSMy7H5): s?+ became a regex .NET rejects, and RegexParseException escaped.
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse(expr).Evaluate(null));
        Assert.Equal("S0401", e.Code);
    }

    [Fact]
    public void String_Escapes_LikeJavaScriptWithLowercaseHex()
    {
        var text = (JString)JsonataExpression.Parse("$string({'k\"': 'a\\u001fb\\\\c\\n\\t'})").Evaluate(null)!;
        Assert.Equal("{\"k\\\"\":\"a\\u001fb\\\\c\\n\\t\"}", text.Value);
    }

    [Theory]
    [InlineData("$partition([1,2,3,4,5], 2)", "[[1,2],[3,4],[5]]")]
    [InlineData("$partition([], 2)", "[]")]
    [InlineData("$range(0, 10, 2)", "[0,2,4,6,8,10]")]
    [InlineData("$range(1, -5, -1)", "[1,0,-1,-2,-3,-4,-5]")]
    [InlineData("$range(1, 9, 0)", "[]")]
    [InlineData("$range(1, 3)", "[1,2,3]")]
    [InlineData("$hash('abc', 'MD5')", "\"900150983cd24fb0d6963f7d28e17f72\"")]
    [InlineData("$hash('abc', 'SHA-1')", "\"a9993e364706816aba3e25717850c26c9cd0d89d\"")]
    [InlineData("$hash('abc', 'SHA-256')", "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"")]
    [InlineData("$length($hash('abc', 'SHA-384')) & ',' & $length($hash('abc', 'SHA-512'))", "\"96,128\"")]
    [InlineData("$random(7) = $random(7)", "true")]
    [InlineData("$parse('{\"a\":[1,{\"b\":null}]}').a[1]", "{\"b\":null}")]
    [InlineData("$parse('\"s\"')", "\"s\"")]
    public void Evaluate_AwsFunctions_BehaveAsDocumented(string expr, string expected)
    {
        Assert.Equal(expected, Text(JsonataExpression.Parse(expr).Evaluate(null)));
    }

    [Theory]
    [InlineData("$eval('1+1')", "T1006")]
    [InlineData("$parse('{not json')", "D3203")]
    [InlineData("$hash('abc', 'SHA-3')", "D3202")]
    [InlineData("$partition([1], 0)", "D3200")]
    [InlineData("$range(0, 1e9)", "D3201")]
    public void Evaluate_AwsFunctions_ErrorCodes(string expr, string code)
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse(expr).Evaluate(null));
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void Evaluate_DeepRecursion_ThrowsU1001()
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))").Evaluate(null));
        Assert.Equal("U1001", e.Code);
    }

    [Fact]
    public void Evaluate_TailRecursion_DoesNotNest()
    {
        var r = JsonataExpression.Parse("($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(20000, 0))").Evaluate(null);
        Assert.Equal("20000", Text(r));
    }

    [Fact]
    public void Evaluate_InfiniteLoop_TimesOutWithU1001()
    {
        var expr = JsonataExpression.Parse("($f := function(){ $f() }; $f())");
        var limits = new EvaluationLimits { Timeout = TimeSpan.FromMilliseconds(200) };
        var e = Assert.Throws<JsonataException>(() => expr.Evaluate(null, null, null, limits));
        Assert.Equal("U1001", e.Code);
    }

    [Theory]
    [InlineData("($f := function($s){ $f($s & $s) }; $f('x'))")]
    [InlineData("$pad('', 1e9)")]
    public void Evaluate_MemoryBombs_ThrowU1001(string expr)
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse(expr).Evaluate(null));
        Assert.Equal("U1001", e.Code);
    }

    [Fact]
    public void Parse_DeepNesting_ThrowsU1001InsteadOfOverflowingTheStack()
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse(new string('(', 100_000) + "1" + new string(')', 100_000)));
        Assert.Equal("U1001", e.Code);
        var deepArray = new string('[', 100_000) + new string(']', 100_000);
        Assert.Equal("U1001", Assert.Throws<JsonataException>(() => JsonataExpression.Parse(deepArray)).Code);
        var longChain = string.Join("+", Enumerable.Repeat("1", 100_000));
        Assert.Equal("U1001", Assert.Throws<JsonataException>(() => JsonataExpression.Parse(longChain)).Code);
        Assert.Equal("300", Text(JsonataExpression.Parse(string.Join("+", Enumerable.Repeat("1", 300))).Evaluate(null)));
        Assert.Equal("6", Text(JsonataExpression.Parse(new string('(', 200) + "1+2+3" + new string(')', 200)).Evaluate(null)));
    }

    [Theory]
    [InlineData("$substring('abc', $nothing)")]
    [InlineData("$base64decode('!!!')")]
    [InlineData("$fromMillis(1e20)")]
    [InlineData("$formatInteger(1e30, 'I')")]
    [InlineData("$partition([1,2], $nothing)")]
    [InlineData("$range($nothing, 2)")]
    [InlineData("$toMillis('2018-13-45', '[Y]-[M]-[D]')")]
    [InlineData("$formatInteger(5, $nothing)")]
    public void Evaluate_BadArguments_ThrowJsonataExceptionNotHostFaults(string expr)
    {
        var ex = Record.Exception(() => JsonataExpression.Parse(expr).Evaluate(null));
        Assert.True(ex is null or JsonataException, ex?.ToString());
    }

    [Theory]
    [InlineData("$sum", null)]
    [InlineData("{'a': $sum, 'b': [1, $sum], 'c': {'d': function($x){$x}}}", "{\"b\":[1,null],\"c\":{}}")]
    [InlineData("{'f': function($x){$x * 2}}.f(21)", "42")]
    public void Evaluate_FunctionValues_LeaveOutputAsJsonStringifyWould(string expr, string? expected)
    {
        Assert.Equal(expected, Text(JsonataExpression.Parse(expr).Evaluate(null)));
    }

    [Theory]
    [InlineData("1 +", "S0207")]
    [InlineData("(1", "S0203")]
    [InlineData("'abc", "S0101")]
    [InlineData("[1, 2", "S0203")]
    public void Parse_SyntaxErrors_HaveJsonataCodes(string expr, string code)
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse(expr));
        Assert.Equal(code, e.Code);
    }
}
