using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Parsing;
using Quickstep.Asl.Paths;
using Quickstep.Engine;
using Quickstep.Jsonata;
using Quickstep.Server.Api;

namespace Quickstep.Server.Tests;

/// <summary>ValidateStateMachineDefinition with severity WARNING loads the definition once: the warnings read the parsed model (issue 15, "Parse once").</summary>
public sealed class ValidateParseOnceTests
{
    // Distinct texts, so a second parse of any of them shows as a count of 2; the Task's resource has no integration (a warning).
    private const string Definition = """
        {"StartAt":"P","States":{
          "P":{"Type":"Pass","Parameters":{"a.$":"$.a","f.$":"States.Format('{}', $.f)"},"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:states:::nothing:here","ResultPath":"$.t","Next":"J"},
          "J":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input.j %}","End":true}}}
        """;

    [Fact]
    public void Validate_WarningSeverity_ParsesEachExpressionOnceAndAnswersTheWarning()
    {
        List<string> paths = [], intrinsics = [], jsonata = [];
        ParseTrace<JsonPathParser>.Texts = paths;
        ParseTrace<IntrinsicParser>.Texts = intrinsics;
        JsonataExpression.Trace = jsonata;
        System.Text.Json.Nodes.JsonObject answer;
        try
        {
            answer = StateMachineOperations.Validate(new QuickstepEngine(), Definition, "EXPRESS", "WARNING", 100);
        }
        finally
        {
            ParseTrace<JsonPathParser>.Texts = null;
            ParseTrace<IntrinsicParser>.Texts = null;
            JsonataExpression.Trace = null;
        }

        Assert.Equal("OK", (string?)answer["result"]);
        var diagnostic = Assert.Single(answer["diagnostics"]!.AsArray());
        Assert.Equal(("WARNING", "/States/T/Resource"), ((string?)diagnostic!["severity"], (string?)diagnostic["location"]));
        Assert.Equal(["$.a", "$.f", "$.t"], paths.Order(StringComparer.Ordinal));
        Assert.Equal(["States.Format('{}', $.f)"], intrinsics);
        Assert.Equal(["$states.input.j"], jsonata);
    }
}
