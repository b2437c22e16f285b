using System.Text.Json;

namespace Quickstep.Server.Tests.Scheduler;

/// <summary>Every Scheduler operation and its errors as the official AWS SDK for JavaScript sees them (see Scheduler/scheduler-scenario.mjs).</summary>
public sealed class SchedulerSdkTests(SchedulerSdkScenario scenario) : ScenarioSteps(scenario.Result), IClassFixture<SchedulerSdkScenario>
{
    private const string Arn = "arn:aws:scheduler:us-east-1:123456789012:";

    [Fact]
    public void ScheduleGroups_CreateGetListDelete()
    {
        var def = Step("getDefaultGroup");
        Assert.Equal("default", def.GetProperty("Name").GetString());
        Assert.Equal("ACTIVE", def.GetProperty("State").GetString());
        Assert.Equal(Arn + "schedule-group/default", def.GetProperty("Arn").GetString());
        Assert.True(def.GetProperty("created").GetBoolean());
        Assert.Equal(Arn + "schedule-group/team-a", Step("createGroup").GetString());
        AssertError("createGroupAgain", "ConflictException", 409, "team-a");
        AssertError("createGroupBadName", "ValidationException", 400);
        Assert.Equal(["default", "team-a", "team-b"], Strings(Step("listGroups")));
        Assert.Equal(["team-a", "team-b"], Strings(Step("listGroupsPrefix")));
        var paged = Step("listGroupsPaged");
        Assert.Equal(["default", "team-a"], Strings(paged.GetProperty("first")));
        Assert.Equal(["team-b"], Strings(paged.GetProperty("second")));
        Assert.Equal(JsonValueKind.Null, paged.GetProperty("end").ValueKind);
        AssertError("getGroupMissing", "ResourceNotFoundException", 404, "nope");
        AssertError("deleteDefaultGroup", "ValidationException", 400);
        AssertError("deleteGroupMissing", "ResourceNotFoundException", 404);
    }

    [Fact]
    public void CreateAndGetSchedule_RoundTripEveryMember()
    {
        Assert.Equal(Arn + "schedule/default/nightly", Step("create").GetString());
        AssertError("createAgain", "ConflictException", 409, "nightly");
        var s = Step("get");
        Assert.Equal("nightly", s.GetProperty("Name").GetString());
        Assert.Equal("default", s.GetProperty("GroupName").GetString());
        Assert.Equal(Arn + "schedule/default/nightly", s.GetProperty("Arn").GetString());
        Assert.Equal("cron(30 2 * * ? *)", s.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("America/New_York", s.GetProperty("ScheduleExpressionTimezone").GetString());
        Assert.Equal("ENABLED", s.GetProperty("State").GetString());
        Assert.Equal("NONE", s.GetProperty("ActionAfterCompletion").GetString());
        Assert.Equal("night run", s.GetProperty("Description").GetString());
        Assert.Equal("2030-01-01T00:00:00.000Z", s.GetProperty("StartDate").GetString());
        Assert.Equal("2031-01-01T00:00:00.000Z", s.GetProperty("EndDate").GetString());
        Assert.True(s.GetProperty("CreationDate").GetBoolean());
        Assert.True(s.GetProperty("LastModificationDate").GetBoolean());
        Assert.Equal("OFF", s.GetProperty("FlexibleTimeWindow").GetProperty("Mode").GetString());
        var target = s.GetProperty("Target");
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:fired", target.GetProperty("Arn").GetString());
        Assert.Equal(3, target.GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(600, target.GetProperty("RetryPolicy").GetProperty("MaximumEventAgeInSeconds").GetInt32());
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:fired", target.GetProperty("DeadLetterConfig").GetProperty("Arn").GetString());
        AssertError("getMissing", "ResourceNotFoundException", 404, "Schedule nope does not exist.");
        AssertError("getWrongGroup", "ResourceNotFoundException", 404);
    }

    [Fact]
    public void CreateSchedule_InvalidInput_ValidationException()
    {
        AssertError("badCron", "ValidationException", 400, "Invalid Schedule Expression cron(0 10 * * * *).");
        AssertError("badRate", "ValidationException", 400, "Invalid Schedule Expression rate(0 minutes).");
        AssertError("badZone", "ValidationException", 400, "Mars/Base");
        AssertError("badWindow", "ValidationException", 400, "MaximumWindowInMinutes");
        AssertError("badRetry", "ValidationException", 400, "maximumRetryAttempts");
        AssertError("badDates", "ValidationException", 400, "EndDate");
        AssertError("missingGroup", "ResourceNotFoundException", 404, "Schedule group nope does not exist.");
        AssertError("badName", "ValidationException", 400, "has space");
    }

    [Fact]
    public void ListSchedules_FiltersAndPages()
    {
        Assert.Equal(["default/nightly/ENABLED", "team-a/job-1/ENABLED", "team-a/job-2/DISABLED", "team-a/job-3/ENABLED"], Strings(Step("listAll")));
        Assert.Equal(["job-1", "job-2", "job-3"], Strings(Step("listGroup")));
        Assert.Equal(["job-1", "job-2", "job-3"], Strings(Step("listPrefix")));
        Assert.Equal(["job-2"], Strings(Step("listState")));
        var summary = Step("listSummary");
        Assert.Equal(Arn + "schedule/default/nightly", summary.GetProperty("Arn").GetString());
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:fired", summary.GetProperty("Target").GetProperty("Arn").GetString());
        Assert.True(summary.GetProperty("created").GetBoolean());
        var paged = Step("listPaged");
        Assert.Equal(["nightly", "job-1"], Strings(paged.GetProperty("first")));
        Assert.Equal(["job-2", "job-3"], Strings(paged.GetProperty("second")));
        AssertError("listMissingGroup", "ResourceNotFoundException", 404);
        AssertError("listBadMax", "ValidationException", 400);
    }

    [Fact]
    public void UpdateAndDelete_ChangeTheSchedule()
    {
        var u = Step("update");
        Assert.Equal("rate(2 hours)", u.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("ENABLED", u.GetProperty("State").GetString());
        Assert.Equal("DELETE", u.GetProperty("ActionAfterCompletion").GetString());
        Assert.Equal("OFF", u.GetProperty("FlexibleTimeWindow").GetProperty("Mode").GetString());
        AssertError("updateMissing", "ResourceNotFoundException", 404);
        Assert.Equal(["job-2", "job-3"], Strings(Step("delete")));
        AssertError("deleteMissing", "ResourceNotFoundException", 404);
        Assert.Equal(["default/nightly"], Strings(Step("deleteGroup")));
    }

    [Fact]
    public void RateSchedule_FiresAtOnceToQueueAndStateMachine()
    {
        var q = Step("fireToQueue");
        var arn = q.GetProperty("arn").GetString();
        Assert.Equal(Arn + "schedule/default/now", arn);
        Assert.Equal([$"{{\"from\":\"{arn}\"}}"], Strings(q.GetProperty("bodies")));
        var sm = Step("fireToStateMachine");
        Assert.Equal(1, sm.GetProperty("count").GetInt32());
        Assert.Equal("{\"hello\":\"scheduler\"}", sm.GetProperty("input").GetString());
    }
}
