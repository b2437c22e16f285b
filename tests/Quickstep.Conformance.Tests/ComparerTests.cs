using Quickstep.Conformance.Tests.Comparison;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests;

/// <summary>
/// The C# port of compare.py against crafted pairs. The expected difference messages were
/// produced by compare.py itself (python3 -c "import compare; …"), so the port words them alike.
/// </summary>
public sealed class ComparerTests
{
    private static readonly JValue Placeholders = J("""{"value": ["entered-time"], "substring": ["lambda_function_name"]}""");

    private static JValue J(string json) => JValue.Parse(json);

    private static string? Match(string expected, string actual, string path = "output") =>
        ValueMatcher.MatchValue(J(expected), J(actual), new Tokens(Placeholders), path);

    [Theory]
    [InlineData("""{"a": 1, "b": [true, null, "x"]}""", """{"b": [true, null, "x"], "a": 1}""")] // key order
    [InlineData("1", "1.0")]
    [InlineData("1.0", "1")]
    [InlineData("100", "1e2")]
    [InlineData("\"<uuid:1>\"", "\"0f4a5c4e-1b2c-4d3e-8f9a-0b1c2d3e4f5a\"")]
    [InlineData("\"arn:aws:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>\"", "\"arn:aws:states:eu-west-1:123456789012:execution:sm-1:exec-1\"")]
    [InlineData("\"arn:aws:lambda:us-east-1:111111111111:function:lambda_function_name\"", "\"arn:aws:lambda:us-east-1:111111111111:function:my_fn_42\"")]
    [InlineData("\"date\"", "\"anything at all\"")]
    [InlineData("\"Started at date.\"", "\"Started at 2024-02-29T10:11:12.123Z.\"")]
    [InlineData("\"date\"", "\"2026-01-01T00:00:00+01:00\"")]
    [InlineData("\"timestamp\"", "1700000000")]
    [InlineData("\"RequestId\"", "{\"any\": \"value\"}")]
    [InlineData("\"entered-time\"", "[1, 2]")]
    [InlineData("""{"date": 1}""", """{"2024-01-01T00:00:00Z": 1}""")] // keys made of a date
    [InlineData("\"<omitted>\"", "\"<omitted>\"")]
    [InlineData("\"snf_role_arn\"", "\"arn:aws:iam::123456789012:role/quickstep-x\"")]
    public void MatchValue_Matches(string expected, string actual) => Assert.Null(Match(expected, actual));

    [Theory]
    [InlineData("""{"a": 1, "b": [1, 2]}""", """{"a": 1, "b": [1, 3]}""", "output.b[1]: expected 2, got 3")]
    [InlineData("""{"a": 1}""", """{"b": 1, "c": 2}""", "output: keys differ (missing ['a'], unexpected ['b', 'c'])")]
    [InlineData("""{"a": "x'y"}""", """{"a": true}""", "output.a: expected \"x'y\", got true")]
    [InlineData("[1, 2]", "[1]", "output: expected 2 items, got 1")]
    [InlineData("""{"a": 1.5}""", """{"a": "1.5"}""", "output.a: expected 1.5, got '1.5'")]
    [InlineData("""{"k": {"z": 1, "a": [1.0, "é"]}}""", """{"k": null}""", "output.k: expected {\"a\": [1.0, \"é\"], \"z\": 1}, got null")]
    [InlineData("1e16", "2", "output: expected 1e+16, got 2")]
    [InlineData("1e-5", "2", "output: expected 1e-05, got 2")]
    [InlineData("123.0", "2", "output: expected 123.0, got 2")]
    [InlineData("9007199254740993", "9007199254740992", "output: expected 9007199254740993, got 9007199254740992")] // Python ints are exact
    [InlineData("true", "1", "output: expected true, got 1")] // booleans are not numbers
    [InlineData("1", "true", "output: expected 1, got true")]
    [InlineData("null", "false", "output: expected null, got false")]
    [InlineData("\"<omitted>\"", "\"something\"", "output: expected '<omitted>', got 'something'")]
    [InlineData("\"arn:aws:states:us-east-1:111111111111:x\"", "\"arn:aws:states:us-east-1:12345678901a:x\"", "output: expected 'arn:aws:states:us-east-1:111111111111:x', got 'arn:aws:states:us-east-1:12345678901a:x'")]
    [InlineData("\"Started at date.\"", "\"Started at 2024-02-30T10:11:12Z.\"", "output: expected 'Started at date.', got 'Started at 2024-02-30T10:11:12Z.'")] // not a calendar date
    [InlineData("\"a<x>b\"", "\"ab\"", "output: expected 'a<x>b', got 'ab'")] // a placeholder stands for at least one character
    public void MatchValue_Differs(string expected, string actual, string difference) => Assert.Equal(difference, Match(expected, actual));

    [Fact]
    public void NormaliseDates_ReplacesEveryValidTimestamp()
    {
        Assert.Equal("from date to date", DateNormaliser.Normalise("from 2024-01-31T23:59:59.123456789Z to 2024-12-01T00:00:00-05:00"));
        Assert.Equal("2023-02-29T00:00:00Z", DateNormaliser.Normalise("2023-02-29T00:00:00Z"));
        Assert.Equal("no time here", DateNormaliser.Normalise("no time here"));
    }

    [Fact]
    public void CompareResult_JsonTextCause_ComparedStructurally()
    {
        var expected = (JObject)J("""
            {"status": "FAILED", "error": "Exception",
             "cause": {"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "<uuid:1>", "stackTrace": ["  File \"/var/task/handler.py\", line 2"]}}
            """);
        var compact = """{"errorMessage":"Some exception was raised.","errorType":"Exception","requestId":"5b1f7e6a-0000-4000-8000-000000000000","stackTrace":["  File \"/var/task/handler.py\", line 2"]}""";
        Assert.Null(ResultComparer.Compare(expected, null, new EngineResult("FAILED", null, "Exception", compact)));
        var wrong = compact.Replace("line 2", "line 3", StringComparison.Ordinal);
        Assert.Equal("cause.stackTrace[0]: expected '  File \"/var/task/handler.py\", line 2', got '  File \"/var/task/handler.py\", line 3'",
            ResultComparer.Compare(expected, null, new EngineResult("FAILED", null, "Exception", wrong)));
        Assert.StartsWith("cause: expected {", ResultComparer.Compare(expected, null, new EngineResult("FAILED", null, "Exception", "not json")), StringComparison.Ordinal);
    }

    [Fact]
    public void CompareResult_StatusAndTextFields()
    {
        var succeeded = (JObject)J("""{"status": "SUCCEEDED", "output": {}}""");
        Assert.Equal("status: expected SUCCEEDED, got FAILED ('States.Runtime': 'boom')",
            ResultComparer.Compare(succeeded, null, new EngineResult("FAILED", null, "States.Runtime", "boom")));
        Assert.Null(ResultComparer.Compare(succeeded, null, new EngineResult("SUCCEEDED", J("{}"), null, null)));

        var timedOut = (JObject)J("""{"status": "TIMED_OUT", "error": null, "cause": null}""");
        Assert.Null(ResultComparer.Compare(timedOut, null, new EngineResult("TIMED_OUT", null, string.Empty, null)));
        Assert.Equal("error: expected none, got 'X'", ResultComparer.Compare(timedOut, null, new EngineResult("TIMED_OUT", null, "X", null)));

        var failed = (JObject)J("""{"status": "FAILED", "error": "States.Runtime", "cause": "An error occurred while executing the state 'S' (entered at the event id #2)."}""");
        Assert.Null(ResultComparer.Compare(failed, null, new EngineResult("FAILED", null, "States.Runtime", "other wording"), ignoreCause: true));
        Assert.Equal("cause: expected \"An error occurred while executing the state 'S' (entered at the event id #2).\", got '... (entered at the event id #3).'",
            ResultComparer.Compare(failed, null, new EngineResult("FAILED", null, "States.Runtime", "... (entered at the event id #3).")));
        Assert.Equal("error: expected 'States.Runtime', got null", ResultComparer.Compare(failed, null, new EngineResult("FAILED", null, null, null)));
    }

    private static string? History(string expected, string actual) =>
        HistoryComparer.Compare((JArray)J(expected), null, [.. ((JArray)J(actual))]);

    [Fact]
    public void CompareHistory_LengthAndIds()
    {
        Assert.Equal("history: expected 1 events, got 2; first type difference at history[0]: expected A, got B",
            History("""[{"type": "A", "id": 1, "previousEventId": 0}]""", """[{"type": "B", "id": 1, "previousEventId": 0}, {"type": "C"}]"""));
        Assert.Equal("history[0].id: expected 1, got 2",
            History("""[{"type": "A", "id": 1, "previousEventId": 0}]""", """[{"type": "A", "id": 2, "previousEventId": 0}]"""));
        Assert.Equal("history: the engine result has no \"history\" list", HistoryComparer.Compare((JArray)J("[]"), null, null));
    }

    [Fact]
    public void CompareHistory_JsonTextDetails_ParsedAndTimestampsIgnored()
    {
        const string expected = """
            [{"type": "PassStateEntered", "id": 2, "previousEventId": 0,
              "stateEnteredEventDetails": {"input": {"a": 1, "b": [1, 2]}, "inputDetails": {"truncated": false}, "name": "P"}}]
            """;
        const string actual = """
            [{"timestamp": "2026-01-01T00:00:00.000Z", "type": "PassStateEntered", "id": 2, "previousEventId": 0,
              "stateEnteredEventDetails": {"input": "{\"b\":[1,2.0],\"a\":1}", "inputDetails": {"truncated": false}, "name": "P"}}]
            """;
        Assert.Null(History(expected, actual));
        Assert.Equal("history[0].stateEnteredEventDetails.input.b[1]: expected 2, got 3",
            History(expected, actual.Replace("2.0", "3", StringComparison.Ordinal)));
        Assert.Equal("history[0]: details expected ['stateEnteredEventDetails'], got []",
            History(expected, """[{"type": "PassStateEntered", "id": 2, "previousEventId": 0}]"""));
    }

    [Fact]
    public void CompareHistory_ParallelBlock_MatchedAsASet()
    {
        const string expected = """
            [{"type": "A", "id": [0], "previousEventId": [0], "xEventDetails": {"name": "p"}},
             {"type": "A", "id": [0], "previousEventId": [0], "xEventDetails": {"name": "q"}}]
            """;
        Assert.Null(History(expected, """
            [{"type": "A", "id": 2, "previousEventId": 1, "xEventDetails": {"name": "q"}},
             {"type": "A", "id": 3, "previousEventId": 1, "xEventDetails": {"name": "p"}}]
            """));
        Assert.Equal("history[0..1] (Parallel block, order not recorded): history[1] ('A') matches no recorded event of the block", History(expected, """
            [{"type": "A", "id": 2, "previousEventId": 1, "xEventDetails": {"name": "q"}},
             {"type": "A", "id": 3, "previousEventId": 1, "xEventDetails": {"name": "r"}}]
            """));
    }

    [Fact]
    public void RecorderNormalise_ParsesObjectTextsOneLevelOnly()
    {
        var n = RecorderNormaliser.Normalise(J("""{"cause": "{\"a\": \"{\\\"b\\\": 1}\"}", "list": ["{\"x\": 1}", {"y": "{\"z\": 2}"}], "text": "[1]"}"""));
        Assert.Equal(J("""{"cause": {"a": "{\"b\": 1}"}, "list": ["{\"x\": 1}", {"y": {"z": 2}}], "text": "[1]"}"""), n);
    }

    [Fact]
    public void Exclusions_Parse_IdTabReason()
    {
        var map = Running.Exclusions.Parse(["# comment", string.Empty, "a/b[X]\tJSONata not implemented", "c/d", "e\t  "]);
        Assert.Equal("JSONata not implemented", map["a/b[X]"]);
        Assert.Equal("excluded (no reason given)", map["c/d"]);
        Assert.Equal(3, map.Count);
    }
}
