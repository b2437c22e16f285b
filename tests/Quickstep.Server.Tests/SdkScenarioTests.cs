using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>Every operation and error code, as the official AWS SDK for JavaScript sees them (see sdk/scenario.mjs).</summary>
public sealed class SdkScenarioTests : IClassFixture<SdkScenario>
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    private readonly JsonElement _r;
    private readonly SdkScenario _scenario;

    public SdkScenarioTests(SdkScenario scenario)
    {
        _scenario = scenario;
        _r = scenario.Result;
    }

    private JsonElement Step(string name) => _r.GetProperty(name);

    private string Str(string step, string field) => Step(step).GetProperty(field).ToString();

    private void AssertError(string step, string code, string? messageContains = null)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {code}, got {s}");
        Assert.Equal(code, s.GetProperty("error").GetString());
        var status = s.GetProperty("status").GetInt32();
        Assert.InRange(status, 400, 499);
        if (messageContains is not null)
            Assert.Contains(messageContains, s.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateStateMachine_ExpressWithLoggingTagsPublish_Works()
    {
        Assert.Equal(Sm + "hello", Str("create", "stateMachineArn"));
        Assert.Equal(Sm + "hello:1", Str("create", "stateMachineVersionArn"));
        Assert.True(Step("create").GetProperty("creationDate").GetBoolean());
        Assert.Equal(Sm + "hello", Step("createSame").GetString());
        AssertError("createConflict", "StateMachineAlreadyExists", $"State Machine Already Exists: '{Sm}hello'");
        AssertError("createStandard", "StateMachineTypeNotSupported", "EXPRESS");
        AssertError("createBadDefinition", "InvalidDefinition", "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Missing at /States/A/Next");
        Assert.Contains("at /States/A/Next", Str("createBadDefinition", "message"), StringComparison.Ordinal);
        AssertError("createNotJson", "InvalidDefinition", "INVALID_JSON_DESCRIPTION");
        AssertError("createBadName", "InvalidName", "Invalid Name: 'bad name'");
        AssertError("createBadLogging", "InvalidLoggingConfiguration");
    }

    [Fact]
    public void DescribeAndUpdateStateMachine_Work()
    {
        var d = Step("describe");
        Assert.Equal("hello", d.GetProperty("name").GetString());
        Assert.Equal("EXPRESS", d.GetProperty("type").GetString());
        Assert.Equal("ACTIVE", d.GetProperty("status").GetString());
        Assert.Contains("\"v\":1", d.GetProperty("definition").GetString(), StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/quickstep-test", d.GetProperty("roleArn").GetString());
        Assert.Equal("ALL", d.GetProperty("level").GetString());
        Assert.True(d.GetProperty("include").GetBoolean());
        Assert.False(d.GetProperty("tracing").GetBoolean());
        Assert.Equal("string", d.GetProperty("revisionId").GetString());
        AssertError("describeMissing", "StateMachineDoesNotExist", $"State Machine Does Not Exist: '{Sm}nope'");
        AssertError("describeBadArn", "InvalidArn", "Invalid Arn: ");
        AssertError("describeWrongType", "InvalidArn", "Resource type not valid in this context: activity");
        Assert.True(Step("update").GetProperty("updateDate").GetBoolean());
        AssertError("updateNothing", "MissingRequiredParameter");
        AssertError("updateBadDefinition", "InvalidDefinition");
    }

    [Fact]
    public void Versions_PublishListDescribe_Work()
    {
        Assert.Equal(Sm + "hello:2", Step("publish").GetString());
        Assert.Equal(Sm + "hello:2", Step("publishAgain").GetString());
        AssertError("publishConflict", "ConflictException");
        Assert.Equal(409, Step("publishConflict").GetProperty("status").GetInt32());
        Assert.Equal([Sm + "hello:2", Sm + "hello:1"], Step("listVersions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Sm + "hello:1", Str("describeVersion1", "stateMachineArn"));
        Assert.Contains("\"v\":1", Str("describeVersion1", "definition"), StringComparison.Ordinal);
        Assert.Equal("first", Str("describeVersion1", "description"));
        Assert.Equal("{\"r\":{\"v\":1}}", Step("syncVersion1").GetString());
    }

    [Fact]
    public void ListStateMachines_Paginates()
    {
        var l = Step("listStateMachines");
        Assert.Equal(["failing", "hello", "waiting"], l.GetProperty("names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, l.GetProperty("pages").GetInt32());
        AssertError("listBadMaxResults", "ValidationException", "Member must have value less than or equal to 1000");
        AssertError("listBadToken", "InvalidToken");
    }

    [Fact]
    public void Aliases_RouteByWeight()
    {
        Assert.Equal(Sm + "hello:live", Step("createAlias").GetString());
        AssertError("createAliasBadWeights", "ValidationException");
        Assert.Equal("{\"r\":{\"v\":1}}", Step("syncOnAliasV1").GetString());
        Assert.True(Step("updateAlias").GetBoolean());
        Assert.Equal("live", Str("describeAlias", "name"));
        Assert.Equal("prod", Str("describeAlias", "description"));
        Assert.Equal(["1=0", "2=100"], Step("describeAlias").GetProperty("routing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("{\"r\":{\"v\":2}}", Step("syncOnAliasV2").GetString());
        Assert.Equal([Sm + "hello:live"], Step("listAliases").EnumerateArray().Select(e => e.GetString()));
        AssertError("describeAliasMissing", "ResourceNotFound");
        Assert.Equal(0, Step("deleteAlias").GetInt32());
    }

    [Fact]
    public void StartSyncExecution_ReturnsAwsShapeWithBilling()
    {
        var s = Step("sync");
        Assert.Equal("SUCCEEDED", s.GetProperty("status").GetString());
        Assert.Equal("{\"a\":1,\"r\":{\"v\":2}}", s.GetProperty("output").GetString());
        Assert.Equal("{\"a\":1}", s.GetProperty("input").GetString());
        Assert.Equal("sync-1", s.GetProperty("name").GetString());
        Assert.Matches(@"^arn:aws:states:us-east-1:123456789012:express:hello:sync-1:[0-9a-f-]{36}$", s.GetProperty("executionArn").GetString());
        Assert.Equal(Sm + "hello", s.GetProperty("stateMachineArn").GetString());
        Assert.True(s.GetProperty("inputIncluded").GetBoolean());
        Assert.True(s.GetProperty("outputIncluded").GetBoolean());
        Assert.Equal(100, s.GetProperty("billedMs").GetInt64());
        Assert.Equal(64, s.GetProperty("billedMb").GetInt64());
        Assert.True(s.GetProperty("dates").GetBoolean());
        Assert.Equal("Root=1-abc", s.GetProperty("traceHeader").GetString());

        var f = Step("syncFailed");
        Assert.Equal("FAILED", f.GetProperty("status").GetString());
        Assert.Equal("Boom", f.GetProperty("error").GetString());
        Assert.Equal("bad", f.GetProperty("cause").GetString());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("output").ValueKind);

        AssertError("syncBadInput", "InvalidExecutionInput", "Invalid State Machine Execution Input: '");
        AssertError("syncBadName", "InvalidName");
        AssertError("syncMissingMachine", "StateMachineDoesNotExist");
        AssertError("startMissingArn", "ValidationException", "Value null at 'stateMachineArn'");
    }

    [Fact]
    public void StartExecution_AsyncRunsAndIsDescribed()
    {
        Assert.Matches(@"^arn:aws:states:us-east-1:123456789012:express:hello:a1:[0-9a-f-]{36}$", Step("startAsync").GetString());
        var d = Step("describeAsync");
        Assert.Equal("SUCCEEDED", d.GetProperty("status").GetString());
        Assert.Equal("{\"n\":1,\"r\":{\"v\":2}}", d.GetProperty("output").GetString());
        Assert.Equal("{\"n\":1}", d.GetProperty("input").GetString());
        Assert.Equal("a1", d.GetProperty("name").GetString());
        Assert.True(d.GetProperty("stopDate").GetBoolean());
        AssertError("describeExecutionMissing", "ExecutionDoesNotExist");
        AssertError("describeExecutionBadArn", "InvalidArn");
    }

    [Fact]
    public void NamedExecutions_SameNameRunning_IdempotentOrAlreadyExists()
    {
        Assert.Equal(Str("startWaiting", "executionArn"), Step("startWaitingSame").GetString());
        AssertError("startWaitingConflict", "ExecutionAlreadyExists", "Execution Already Exists: '");
    }

    [Fact]
    public void StopExecution_AbortsWithErrorAndCause()
    {
        Assert.Equal("RUNNING", Step("describeRunning").GetString());
        Assert.Equal(["ExecutionStarted", "WaitStateEntered"], Step("historyRunning").EnumerateArray().Select(e => e.GetString()));
        Assert.True(Step("stop").GetBoolean());
        var s = Step("describeStopped");
        Assert.Equal("ABORTED", s.GetProperty("status").GetString());
        Assert.Equal("Stopped", s.GetProperty("error").GetString());
        Assert.Equal("by the test", s.GetProperty("cause").GetString());
        AssertError("stopMissing", "ExecutionDoesNotExist");
    }

    [Fact]
    public void ListExecutions_NewestFirstFilteredPaged()
    {
        var names = Step("listExecutions").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("a1", names[0]);
        Assert.Contains("sync-1", names);
        Assert.Equal(0, Step("listExecutionsSucceeded").GetInt32());
        var paged = Step("listExecutionsPaged").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(names.Take(2), paged);
        AssertError("listExecutionsBadFilter", "ValidationException", "enum value set");
    }

    [Fact]
    public void GetExecutionHistory_OrderPagingAndData()
    {
        var h = Step("history");
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], h.GetProperty("types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([1, 2, 3, 4], h.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(h.GetProperty("timestamps").GetBoolean());
        Assert.Equal("{\"n\":1}", h.GetProperty("started").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/quickstep-test", h.GetProperty("roleArn").GetString());
        Assert.Equal("ExecutionSucceeded", Step("historyReverse")[0].GetString());
        Assert.Equal([1, 2], Step("historyPaged").GetProperty("first").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([3, 4], Step("historyPaged").GetProperty("second").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(JsonValueKind.Null, Step("historyNoData").ValueKind);
    }

    [Fact]
    public void DescribeStateMachineForExecution_Works()
    {
        var d = Step("describeForExecution");
        Assert.Equal("hello", d.GetProperty("name").GetString());
        Assert.Equal(Sm + "hello", d.GetProperty("stateMachineArn").GetString());
        Assert.Equal("ALL", d.GetProperty("level").GetString());
    }

    [Fact]
    public void ExpressLogs_LevelAll_RecordsInAwsShape()
    {
        var logs = Step("logs");
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], logs.GetProperty("types").EnumerateArray().Select(e => e.GetString()));
        var first = logs.GetProperty("first");
        Assert.Equal("1", first.GetProperty("id").GetString());
        Assert.Equal("0", first.GetProperty("previous_event_id").GetString());
        Assert.Equal(Step("startAsync").GetString(), first.GetProperty("execution_arn").GetString());
        Assert.Matches("^[0-9]{13}$", first.GetProperty("event_timestamp").GetString());
        Assert.Equal("{\"n\":1}", first.GetProperty("details").GetProperty("input").GetString());
    }

    [Fact]
    public void ValidateStateMachineDefinition_OkAndFail()
    {
        Assert.Equal("OK", Str("validateOk", "result"));
        Assert.Equal("FAIL", Str("validateFail", "result"));
        var d = Step("validateFail").GetProperty("diagnostics")[0];
        Assert.Equal("ERROR", d.GetProperty("severity").GetString());
        Assert.Equal("SCHEMA_VALIDATION_FAILED", d.GetProperty("code").GetString());
        Assert.Equal("/States/A/Resource", d.GetProperty("location").GetString());
        Assert.Equal("INVALID_JSON_DESCRIPTION", Str("validateNotJson", "code"));
    }

    [Fact]
    public void TestState_RunsOneState()
    {
        Assert.Equal("SUCCEEDED", Str("testStatePass", "status"));
        Assert.Equal("{\"x\":5}", Str("testStatePass", "output"));
        Assert.Equal("After", Str("testStatePass", "nextState"));
        Assert.Equal("Big", Str("testStateChoice", "nextState"));
        Assert.Equal("{\"v\":42}", Str("testStateMock", "output"));
        Assert.Equal("FAILED", Str("testStateFail", "status"));
        Assert.Equal("E", Str("testStateFail", "error"));
        AssertError("testStateBad", "InvalidDefinition");
    }

    [Fact]
    public void Tags_TagUntagList()
    {
        Assert.Equal(["env=dev", "team=b"], Step("tag").GetProperty("before").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["env=dev"], Step("tag").GetProperty("after").EnumerateArray().Select(e => e.GetString()));
        AssertError("tagMissing", "ResourceNotFound");
        AssertError("tagBadArn", "InvalidArn");
    }

    [Fact]
    public void DeleteStateMachine_ThenDoesNotExist() => Assert.Equal("StateMachineDoesNotExist", Step("delete").GetString());

    [Fact]
    public async Task UsageEndpoint_CountsExecutionsAndEstimatesCost()
    {
        var json = await _scenario.Server.Http.GetStringAsync("/quickstep/usage");
        using var doc = JsonDocument.Parse(json);
        var hello = doc.RootElement.GetProperty("stateMachines").EnumerateArray().Single(e => e.GetProperty("stateMachineArn").GetString() == Sm + "hello");
        Assert.True(hello.GetProperty("executions").GetInt64() >= 5);
        Assert.True(hello.GetProperty("billedDurationMilliseconds").GetInt64() >= 500);
        Assert.True(hello.GetProperty("estimatedCostUsd").GetDecimal() > 0);
        Assert.Equal("USD", doc.RootElement.GetProperty("currency").GetString());
    }
}
