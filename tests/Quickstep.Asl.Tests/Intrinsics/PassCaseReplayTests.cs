using System.Text.RegularExpressions;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Tests.Intrinsics;

/// <summary>
/// Replays every recorded AWS case (tests/data/conformance/cases) whose definition is one JSONPath Pass state
/// with Parameters (plus optional InputPath/ResultPath/OutputPath): the data flow is emulated here with
/// JsonPath and IntrinsicFunction, and the result compared with what AWS recorded. The full engine replays
/// every case; this pins the path and intrinsic layer on its own.
/// </summary>
public sealed partial class PassCaseReplayTests
{
    private static readonly HashSet<string> AllowedFields = ["Type", "Parameters", "InputPath", "ResultPath", "OutputPath", "End", "Comment"];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var root = TestData.ConformanceCases;
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (IsSimplePassCase((JObject)JsonText.Parse(File.ReadAllText(file))))
                data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Replay_SimplePassCase_MatchesRecordedAws(string caseFile)
    {
        var c = (JObject)JsonText.Parse(File.ReadAllText(Path.Combine(TestData.ConformanceCases, caseFile)));
        var expected = (JObject)c["expected"]!;
        var status = ((JString)expected["status"]!).Value;
        var (actualStatus, output, error, cause) = Run(c);
        Assert.Equal(status, actualStatus);
        if (status == "SUCCEEDED")
        {
            var placeholders = ValuePlaceholders(c);
            Assert.True(Matches(expected["output"]!, output!, placeholders), $"expected {expected["output"]} but got {output}");
        }
        else if (status == "FAILED")
        {
            Assert.Equal(((JString)expected["error"]!).Value, error);
            Assert.True(Matches(expected["cause"]!, JString.Create(cause ?? string.Empty), []), $"expected cause {expected["cause"]} but got {cause}");
        }
    }

    [Fact]
    public void Cases_FindsTheIntrinsicCases()
    {
        Assert.True(Cases().Count >= 100);
    }

    private static (string Status, JValue? Output, string? Error, string? Cause) Run(JObject c)
    {
        var definition = (JObject)c["definition"]!;
        var (name, state) = ((JObject)definition["States"]!)[0];
        var stateObj = (JObject)state;
        var input = c["input"]!;
        var context = JsonText.Parse($$"""
            {
              "Execution": { "Id": "arn:aws:states:us-east-1:111111111111:execution:sm-name-abc:exec-name-1", "Input": {{input}}, "Name": "exec-name-1",
                             "RoleArn": "arn:aws:iam::111111111111:role/role", "StartTime": "2024-01-01T00:00:00.000Z", "RedriveCount": 0 },
              "State": { "EnteredTime": "2024-01-01T00:00:00.000Z", "Name": "{{name}}" },
              "StateMachine": { "Id": "arn:aws:states:us-east-1:111111111111:stateMachine:sm-name-abc", "Name": "sm-name-abc" }
            }
            """);
        try
        {
            var inputPath = Compile(stateObj, "InputPath");
            var resultPath = Compile(stateObj, "ResultPath");
            var outputPath = Compile(stateObj, "OutputPath");
            var template = CompileTemplate(stateObj["Parameters"]!);
            var services = new DefaultEvaluationServices(seed: 7);
            var effective = inputPath is null ? input : Select(inputPath, input, context, services);
            var scope = new EvaluationScope(effective, context, null, services);
            var result = template(scope);
            var afterResult = input;
            if (resultPath is null)
            {
                afterResult = result;
            }
            else if (!resultPath.TryAssign(input, result, out afterResult))
            {
                return ("FAILED", null, StatesErrors.ResultPathMatchFailure, resultPath.Text);
            }

            var output = outputPath is null ? afterResult : Select(outputPath, afterResult, context, services);
            return ("SUCCEEDED", output, null, null);
        }
        catch (IntrinsicSyntaxException e)
        {
            return ("INVALID_DEFINITION", null, "InvalidDefinition", e.Message);
        }
        catch (JsonPathSyntaxException e)
        {
            return ("INVALID_DEFINITION", null, "InvalidDefinition", e.Message);
        }
        catch (ReplayFailure e)
        {
            return ("FAILED", null, e.Error.Error, e.Error.Cause);
        }
    }

    private static JValue Select(JsonPath path, JValue document, JValue context, IEvaluationServices services)
    {
        var scope = new EvaluationScope(document, context, null, services);
        if (!path.TrySelect(scope, out var value, out var failure))
            throw new ReplayFailure(new StatesError(StatesErrors.Runtime, $"Invalid path '{path.Text}' : {failure}"));
        return value;
    }

    private static JsonPath? Compile(JObject state, string field) =>
        state[field] is JString s ? JsonPath.Parse(s.Value) : null;

    private delegate JValue Template(in EvaluationScope scope);

    private static Template CompileTemplate(JValue node)
    {
        switch (node)
        {
            case JObject o:
                {
                    var parts = new List<(string Key, Template Value)>();
                    foreach (var (key, value) in o)
                    {
                        if (key.EndsWith(".$", StringComparison.Ordinal) && value is JString expr)
                        {
                            var field = key;
                            var text = expr.Value;
                            if (IntrinsicFunction.IsIntrinsic(text))
                            {
                                var call = IntrinsicFunction.Parse(text);
                                parts.Add((key[..^2], (in EvaluationScope s) => OrThrow(call.Evaluate(s))));
                            }
                            else
                            {
                                var path = JsonPath.Parse(text);
                                parts.Add((key[..^2], (in EvaluationScope s) => path.Select(s)
                                    ?? throw new ReplayFailure(new StatesError(StatesErrors.Runtime, $"The JSONPath '{text}' specified for the field '{field}' could not be found in the input '{s.Input}'"))));
                            }
                        }
                        else
                        {
                            parts.Add((key, CompileTemplate(value)));
                        }
                    }

                    return (in EvaluationScope s) =>
                    {
                        var builder = new JObjectBuilder();
                        foreach (var (key, value) in parts)
                            builder.Set(key, value(s));
                        return builder.Build();
                    };
                }

            case JArray a:
                {
                    var items = a.Select(CompileTemplate).ToArray();
                    return (in EvaluationScope s) =>
                    {
                        var values = new JValue[items.Length];
                        for (var i = 0; i < items.Length; i++)
                            values[i] = items[i](s);
                        return JArray.Own(values);
                    };
                }

            default:
                return (in EvaluationScope _) => node;
        }
    }

    private static bool IsSimplePassCase(JObject c)
    {
        if (c["definition"] is not JObject d || c["expected"] is not JObject || d["QueryLanguage"] is JString { Value: "JSONata" })
            return false;
        if (d["States"] is not JObject states || states.Count != 1 || states[0].Value is not JObject state)
            return false;
        if (state["Type"] is not JString { Value: "Pass" } || state["Parameters"] is null)
            return false;
        foreach (var key in state.Keys)
        {
            if (!AllowedFields.Contains(key))
                return false;
        }

        return true;
    }

    /// <summary>Whole-value placeholders as-is; substring placeholders as "\u0001word" (wildcards inside strings).</summary>
    private static HashSet<string> ValuePlaceholders(JObject c)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (c["placeholders"] is not JObject p)
            return set;
        if (p["value"] is JArray values)
        {
            foreach (var v in values)
            {
                if (v is JString s)
                    set.Add(s.Value);
            }
        }

        if (p["substring"] is JArray substrings)
        {
            foreach (var v in substrings)
            {
                if (v is JString s)
                    set.Add("\u0001" + s.Value);
            }
        }

        return set;
    }

    /// <summary>The corpus's comparison rules (README "Comparing"): deep equality with placeholder wildcards.</summary>
    private static bool Matches(JValue expected, JValue actual, HashSet<string> valuePlaceholders)
    {
        switch (expected)
        {
            case JString es when valuePlaceholders.Contains(es.Value):
                return true;
            case JString es:
                return actual is JString s && WildcardMatch(ReplaceSubstrings(es.Value, valuePlaceholders), s.Value);
            case JObject eo:
                {
                    if (actual is not JObject ao || ao.Count != eo.Count)
                        return false;
                    foreach (var (key, value) in eo)
                    {
                        if (!ao.TryGetValue(key, out var av) || !Matches(value, av, valuePlaceholders))
                            return false;
                    }

                    return true;
                }

            case JArray ea:
                {
                    if (actual is not JArray aa || aa.Count != ea.Count)
                        return false;
                    for (var i = 0; i < ea.Count; i++)
                    {
                        if (!Matches(ea[i], aa[i], valuePlaceholders))
                            return false;
                    }

                    return true;
                }

            default:
                return expected.Equals(actual);
        }
    }

    private static string ReplaceSubstrings(string expected, HashSet<string> placeholders)
    {
        foreach (var p in placeholders)
        {
            if (p.StartsWith('\u0001'))
                expected = expected.Replace(p[1..], "<substring>", StringComparison.Ordinal);
        }

        return expected;
    }

    private static bool WildcardMatch(string expected, string actual)
    {
        if (!expected.Contains('<', StringComparison.Ordinal) && !expected.Contains("111111111111", StringComparison.Ordinal))
            return string.Equals(expected, actual, StringComparison.Ordinal);
        var pattern = "^" + string.Concat(Token().Split(expected).Select((part, i) => i % 2 == 1
            ? (part == "111111111111" ? @"\d{12}" : ".+")
            : Regex.Escape(part))) + "$";
        return Regex.IsMatch(actual, pattern, RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex(@"(<[A-Za-z][A-Za-z0-9_\-.]*(?::\d+)?>|111111111111)")]
    private static partial Regex Token();

    private static JValue OrThrow(Evaluated e) => e.Failed ? throw new ReplayFailure(e.Error) : e.Value;

    /// <summary>Ends this test's own replay of a Pass state at the first error (the engine returns errors as values).</summary>
    private sealed class ReplayFailure(StatesError error) : Exception(error.ToString())
    {
        public StatesError Error { get; } = error;
    }
}
