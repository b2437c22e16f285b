using CsCheck;
using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Fuzz.Tests;

/// <summary>JSONata: any text parses or fails with JsonataException; a parsed expression evaluates or fails with JsonataException, within its limits.</summary>
public sealed class JsonataFuzzTests
{
    private static readonly string[] Tokens =
    [
        "$map(", "$sum(", "$string(", "$number(", "$substring(", "$split(", "$join(", "$replace(", "$match(", "$sort(", "$reduce(",
        "$filter(", "$keys(", "$lookup(", "$each(", "$sift(", "$zip(", "$append(", "$count(", "$max(", "$formatNumber(", "$formatBase(",
        "$fromMillis(", "$toMillis(", "$pad(", "$abs(", "$power(", "$round(", "$spread(", "$merge(", "$distinct(", "$partition(", "$range(",
        "$uuid(", "$parse(", "$hash(", "$now()", "$exists(", "$type(", "$boolean(", "$not(", "$contains(", "$trim(", "$uppercase(",
        "function($x){", "}", "(", ")", "[", "]", "{", "}", ",", ";", ":=", "$x", "$y", "a", "b.c", "*", "**", "..", "1", "0", "-1", "1e400",
        "\"s\"", "'t'", "/a+/", "/(a+)+$/i", "&", "+", "-", "/", "%", "=", "!=", "<", ">", "and", "or", "in", "?", ":", "~>", "@$v", "#$i",
        "^(a)", " ", "$$", "$states", "`a b`", "\\", "\"\\ud800\"", "null", "true", "|", "||", "?:", "??",
    ];

    private static readonly EvaluationLimits Limits = new() { MaxDepth = 200, Timeout = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Wider than <see cref="Fuzz.PerInput"/>: the evaluator does not yet look at its deadline inside built-ins, so
    /// <c>[1..10000000] ~> $count()</c> overshoots the 1 s limit by seconds (issue 18, defect 8; see
    /// <see cref="FuzzRegressionTests.Jsonata_TimeLimit_HoldsInsideBuiltIns"/>).
    /// </summary>
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(30);

    [Fact]
    public void ParseEvaluate_TokenExpressions_ResultOrJsonataException() =>
        Fuzz.Run(Gen.Select(Mutations.Tokens(Tokens, 16), Documents.Any), (text, input) => Exercise(text, input), 4000, PerInput);

    [Fact]
    public void ParseEvaluate_MutatedTestSuiteExpressions_ResultOrJsonataException() =>
        Fuzz.Run(Gen.Select(Mutations.Of(Corpus.JsonataExpressions), Documents.Any), (text, input) => Exercise(text, input), 4000, PerInput);

    private static void Exercise(string text, JValue input)
    {
        JsonataExpression expression;
        try
        {
            expression = JsonataExpression.Parse(text);
        }
        catch (JsonataException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Code));
            return;
        }

        try
        {
            _ = expression.Evaluate(input, limits: Limits);
        }
        catch (JsonataException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Code));
        }
    }
}
