using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>The API's fine print (issue #14) as the official AWS SDK for JavaScript sees it (sdk/fineprint.mjs).</summary>
public sealed class FinePrintTests : IClassFixture<FinePrintScenario>
{
    private readonly JsonElement _r;

    public FinePrintTests(FinePrintScenario scenario) => _r = scenario.Result;

    private JsonElement Step(string name) => _r.GetProperty(name);

    private void AssertError(string step, string code)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {code}, got {s}");
        Assert.Equal(code, s.GetProperty("error").GetString());
        Assert.InRange(s.GetProperty("status").GetInt32(), 400, 499);
    }

    [Fact]
    public void StopExecution_AbortedEventCarriesTheGivenErrorAndCause()
    {
        Assert.True(Step("stop").GetProperty("stopDate").GetBoolean(), Step("stop").ToString());
        var d = Step("stoppedDescribe");
        Assert.Equal(("ABORTED", "User.Cancelled", "stopped by the fine-print test"), (d.GetProperty("status").GetString(), d.GetProperty("error").GetString(), d.GetProperty("cause").GetString()));
        var aborted = Step("stoppedHistory").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "ExecutionAborted");
        Assert.Equal("User.Cancelled", aborted.GetProperty("details").GetProperty("error").GetString());
        Assert.Equal("stopped by the fine-print test", aborted.GetProperty("details").GetProperty("cause").GetString());
        Assert.Contains(Step("stoppedHistory").EnumerateArray(), e => e.GetProperty("type").GetString() == "WaitStateAborted");
        // Without error and cause there is nothing to report (not States.Timeout).
        Assert.Equal("ExecutionAborted", Step("plainStopHistory").GetProperty("type").GetString());
        Assert.DoesNotContain("States.", Step("plainStopHistory").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ListExecutions_KeysetTokensStayCorrectWhileExecutionsStart()
    {
        var p = Step("pages");
        static string[] Names(JsonElement a) => [.. a.EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal(["first-4", "first-3"], Names(p.GetProperty("p1")));
        Assert.Equal(["first-2", "first-1"], Names(p.GetProperty("p2")));
        Assert.Equal(["first-0"], Names(p.GetProperty("p3")));
        Assert.Equal(JsonValueKind.Null, p.GetProperty("p3Token").ValueKind);
        Assert.Equal([1, 2, 3, 4], Step("historyPages").EnumerateArray().Select(e => e.GetInt32()));
        var m = Step("machinePages");
        Assert.NotEqual(m.GetProperty("p1")[0].GetString(), m.GetProperty("p2")[0].GetString());
        Assert.NotEqual("aa-fp-first", m.GetProperty("p2")[0].GetString()); // created between the pages, before the key
    }

    [Fact]
    public void ListExecutions_TokenIsBoundToItsQuery()
    {
        AssertError("tokenOtherOperation", "InvalidToken");
        AssertError("tokenOtherFilter", "InvalidToken");
        AssertError("tokenOtherMachine", "InvalidToken");
    }

    [Fact]
    public void ListExecutions_RedriveFilterIsHonoured()
    {
        Assert.Equal(0, Step("redriven").GetInt32());
        Assert.Equal(7, Step("notRedriven").GetInt32());
    }

    [Fact]
    public void DescribeStateMachine_ReturnsVariableReferences()
    {
        var v = Step("vars");
        Assert.Equal("""{"B":["total","who"]}""", v.GetRawText());
        Assert.Equal(JsonValueKind.Null, Step("noVars").ValueKind);
    }

    [Fact]
    public void CreateStateMachine_WithoutRoleArn_IsValidationException() => AssertError("noRole", "ValidationException");

    [Fact]
    public void WrongJsonType_IsSerializationException()
    {
        AssertError("wrongType", "SerializationException");
        AssertError("wrongTypeString", "SerializationException");
    }

    [Fact]
    public void OutputDetails_OnlyWithAnOutput()
    {
        var f = Step("syncFailed");
        Assert.Equal("FAILED", f.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("outputDetails").ValueKind);
        Assert.True(f.GetProperty("inputDetails").GetProperty("included").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Step("stoppedDescribe").GetProperty("outputDetails").ValueKind);
        var s = Step("syncSucceeded");
        Assert.True(s.GetProperty("sync").GetProperty("included").GetBoolean());
        Assert.True(s.GetProperty("describe").GetProperty("included").GetBoolean());
    }

    [Fact]
    public void DescribeStateMachineForExecution_AfterTheMachineWasDeleted_StillAnswers()
    {
        var d = Step("forDeleted");
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:fp-deleted", d.GetProperty("stateMachineArn").GetString());
        Assert.Equal("fp-deleted", d.GetProperty("name").GetString());
        Assert.Contains("\"Pass\"", d.GetProperty("definition").GetString(), StringComparison.Ordinal);
        AssertError("describeDeleted", "StateMachineDoesNotExist");
    }
}
