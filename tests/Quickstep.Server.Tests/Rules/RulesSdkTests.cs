using System.Text.Json;

namespace Quickstep.Server.Tests.Rules;

/// <summary>EventBridge rules and targets as the official AWS SDK for JavaScript sees them (sdk/rules.mjs): every operation, its errors, and delivery to each target kind.</summary>
public sealed class RulesSdkTests : IClassFixture<RulesScenario>
{
    private const string RuleArn = "arn:aws:events:us-east-1:123456789012:rule/";
    private readonly RulesScenario _scenario;

    public RulesSdkTests(RulesScenario scenario) => _scenario = scenario;

    private JsonElement Step(string name) => _scenario.Result.GetProperty(name);

    private void AssertError(string step, string code, string? message = null)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {code}, got {s}");
        Assert.Equal(code, s.GetProperty("error").GetString());
        Assert.Equal(400, s.GetProperty("status").GetInt32());
        if (message is not null)
            Assert.Equal(message, s.GetProperty("message").GetString());
    }

    private static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];

    private JsonElement Json(string step)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.String, $"{step}: nothing delivered ({s})");
        return JsonDocument.Parse(s.GetString()!).RootElement;
    }

    [Fact]
    public void PutRule_ReturnsTheArnOfItsBus()
    {
        Assert.Equal(RuleArn + "orders-rule", Step("putRule").GetProperty("RuleArn").GetString());
        Assert.Equal(RuleArn + "orders/on-orders", Step("putRuleCustomBus").GetProperty("RuleArn").GetString());
        Assert.Equal(RuleArn + "every-5", Step("putRuleSchedule").GetProperty("RuleArn").GetString());
    }

    [Fact]
    public void PutRule_BadInput_IsRefusedAsAwsDoes()
    {
        AssertError("putRuleNothing", "ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        AssertError("putRuleBadPattern", "InvalidEventPatternException");
        AssertError("putRuleBadSchedule", "ValidationException", "Parameter ScheduleExpression is not valid.");
        AssertError("putRuleBadRateUnit", "ValidationException", "Parameter ScheduleExpression is not valid.");
        AssertError("putRuleScheduleCustomBus", "ValidationException", "ScheduleExpression is supported only on the default event bus.");
        AssertError("putRuleBadState", "ValidationException");
        AssertError("putRuleBadName", "ValidationException");
        AssertError("putRuleMissingBus", "ResourceNotFoundException", "Event bus nope does not exist.");
    }

    [Fact]
    public void DescribeRule_GivesEveryMember()
    {
        var d = Step("describeRule");
        Assert.Equal("orders-rule", d.GetProperty("Name").GetString());
        Assert.Equal(RuleArn + "orders-rule", d.GetProperty("Arn").GetString());
        Assert.Equal("""{"source":["com.example.orders"]}""", d.GetProperty("EventPattern").GetString());
        Assert.Equal("ENABLED", d.GetProperty("State").GetString());
        Assert.Equal("orders", d.GetProperty("Description").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/r", d.GetProperty("RoleArn").GetString());
        Assert.Equal("default", d.GetProperty("EventBusName").GetString());
        Assert.Equal("orders", Step("describeCustomBus").GetProperty("EventBusName").GetString());
        AssertError("describeMissing", "ResourceNotFoundException", "Rule nope does not exist on EventBus default.");
    }

    [Fact]
    public void ListRules_FiltersAndPages()
    {
        Assert.Equal(["every-5", "orders-rule"], Strings(Step("listRules")));
        Assert.Equal(["orders-rule"], Strings(Step("listRulesPrefix")));
        Assert.Equal(["every-5", "orders-rule"], Strings(Step("listRulesPaged").GetProperty("names")));
        Assert.Equal(2, Step("listRulesPaged").GetProperty("pages").GetInt32());
    }

    [Fact]
    public void EnableDisable_ChangeTheState()
    {
        Assert.Equal("DISABLED", Step("disable").GetString());
        Assert.Equal("ENABLED", Step("enable").GetString());
        AssertError("enableMissing", "ResourceNotFoundException", "Rule nope does not exist on EventBus default.");
    }

    [Fact]
    public void PutTargets_AnswersPerEntry()
    {
        var put = Step("putTargets");
        Assert.Equal(2, put.GetProperty("FailedEntryCount").GetInt32());
        var failed = put.GetProperty("FailedEntries").EnumerateArray().ToList();
        Assert.Equal(["t2", "t3"], failed.Select(f => f.GetProperty("TargetId").GetString()!));
        Assert.All(failed, f => Assert.Equal("ValidationException", f.GetProperty("ErrorCode").GetString()));
        AssertError("putTargetsMissingRule", "ResourceNotFoundException", "Rule nope does not exist on EventBus default.");
        AssertError("putTargetsTooMany", "LimitExceededException");
        var listed = Step("listTargets").EnumerateArray().ToList();
        Assert.Equal("t1", Assert.Single(listed).GetProperty("Id").GetString());
        AssertError("listTargetsMissingRule", "ResourceNotFoundException");
        Assert.Equal(["orders-rule"], Strings(Step("ruleNamesByTarget")));
    }

    [Fact]
    public void DeleteRule_RefusedWhileTargetsRemain()
    {
        AssertError("deleteWithTargets", "ValidationException", "Rule can't be deleted since it has targets.");
        Assert.Equal(0, Step("removeTargets").GetProperty("FailedEntryCount").GetInt32());
        Assert.Equal("ok", Step("deleteRule").GetString());
        AssertError("describeDeleted", "ResourceNotFoundException");
        Assert.Equal("ok", Step("deleteMissing").GetString());
    }

    [Fact]
    public void Delivery_StartsTheWorkflowWithTheEvent()
    {
        Assert.Equal(0, Step("putEvents").GetProperty("FailedEntryCount").GetInt32());
        var bodies = Step("workflow").EnumerateArray().ToList();
        var ev = JsonDocument.Parse(Assert.Single(bodies).GetString()!).RootElement;
        Assert.Equal(Step("putEvents").GetProperty("id").GetString(), ev.GetProperty("id").GetString());
        Assert.Equal("OrderPlaced", ev.GetProperty("detail-type").GetString());
        Assert.Equal("o-7", ev.GetProperty("detail").GetProperty("orderId").GetString());
        Assert.Equal(0, Step("workflowAgain").GetInt32());
    }

    [Fact]
    public void Delivery_ToQueues_WithEachInputKind()
    {
        var raw = Json("raw");
        Assert.Equal("com.example.orders", raw.GetProperty("source").GetString());
        Assert.Equal("arn:aws:s3:::orders", raw.GetProperty("resources")[0].GetString());
        Assert.Equal("""{"fixed":true}""", Step("constant").GetString());
        Assert.Equal("\"pear\"", Step("path").GetString());
        Assert.Equal("\"Order o-7 totals 42.5\"", Step("text-template").GetString());
    }

    [Fact]
    public void Delivery_InputTransformer_InsertsStringsAndJsonAsDocumented()
    {
        var t = Json("json-template");
        Assert.Equal("o-7", t.GetProperty("id").GetString());
        Assert.Equal("o-7", t.GetProperty("quoted").GetString());
        Assert.Equal(42.5, t.GetProperty("total").GetDouble());
        Assert.Equal(["apple", "pear"], Strings(t.GetProperty("items")));
        Assert.Equal("{name:Ann}", t.GetProperty("customerText").GetString());
        Assert.Equal("Ann", t.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("missing").ValueKind);
        Assert.Equal("to-queues", t.GetProperty("rule").GetString());
        Assert.Equal(RuleArn + "to-queues", t.GetProperty("ruleArn").GetString());
        Assert.True(DateTimeOffset.TryParse(t.GetProperty("ingested").GetString(), out _));
        Assert.False(t.GetProperty("event").TryGetProperty("detail", out _));
        Assert.Equal("OrderPlaced", t.GetProperty("event").GetProperty("detail-type").GetString());
        Assert.Equal("o-7", t.GetProperty("whole").GetProperty("detail").GetProperty("orderId").GetString());
    }

    [Fact]
    public void Delivery_ToTopicAndOtherBus()
    {
        Assert.Equal("o-7", Json("via-topic").GetProperty("detail").GetProperty("orderId").GetString());
        var forwarded = Json("via-bus");
        Assert.Equal("OrderPlaced", forwarded.GetProperty("detail-type").GetString());
        Assert.Equal("o-7", forwarded.GetProperty("detail").GetProperty("orderId").GetString());
    }

    [Fact]
    public void Delivery_ToDeletedQueue_GoesToTheDeadLetterQueueWithItsAttributes()
    {
        var dead = Assert.Single(Step("dlq").EnumerateArray());
        Assert.Equal("o-7", JsonDocument.Parse(dead.GetProperty("body").GetString()!).RootElement.GetProperty("detail").GetProperty("orderId").GetString());
        var a = dead.GetProperty("attributes");
        Assert.Equal("RESOURCE_NOT_FOUND", a.GetProperty("ERROR_CODE").GetString());
        Assert.Equal(RuleArn + "to-topic-and-bus", a.GetProperty("RULE_ARN").GetString());
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:gone", a.GetProperty("TARGET_ARN").GetString());
        Assert.False(string.IsNullOrEmpty(a.GetProperty("ERROR_MESSAGE").GetString()));
        Assert.Equal("0", a.GetProperty("RETRY_ATTEMPTS").GetString());
    }

    [Fact]
    public void Delivery_DisabledRule_DeliversNothing() => Assert.Equal(0, Step("disabled").GetInt32());
}
