namespace Quickstep.Storage.Tests.Contracts;

/// <summary>The Scheduler store: groups, schedules, the compare-and-set advance and the deliveries it writes.</summary>
public abstract partial class ServiceStoresContract
{
    private static ScheduleRecord Schedule(string group, string name, DateTimeOffset? next, string state = "ENABLED") => new()
    {
        GroupName = group,
        Name = name,
        Arn = $"arn:aws:scheduler:us-east-1:1:schedule/{group}/{name}",
        State = state,
        Json = """{"ScheduleExpression":"rate(1 minute)"}""",
        NextFire = next,
        TargetArn = "arn:aws:sqs:us-east-1:1:q",
        CreationDate = T0,
        LastModificationDate = T0,
    };

    [Fact]
    public async Task ScheduleStore_GroupsAndSchedules_PageInOrder_WithFilters()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var s = store.Schedules;
        foreach (var g in new[] { "default", "team-b", "team-a" })
            Assert.True(await s.TryCreateGroupAsync(new ScheduleGroupRecord { Name = g, Arn = "arn:g/" + g, CreationDate = T0, LastModificationDate = T0 }));
        Assert.False(await s.TryCreateGroupAsync(new ScheduleGroupRecord { Name = "team-a", Arn = "x" }));
        Assert.Equal("arn:g/team-a", (await s.GetGroupAsync("team-a"))?.Arn);
        Assert.Null(await s.GetGroupAsync("nope"));

        var first = await s.ListGroupsAsync("team", null, 1);
        Assert.Equal(["team-a"], first.Items.Select(g => g.Name));
        var second = await s.ListGroupsAsync("team", first.NextKey, 1);
        Assert.Equal(["team-b"], second.Items.Select(g => g.Name));
        Assert.Null(second.NextKey);

        Assert.True(await s.TryCreateScheduleAsync(Schedule("default", "b", T0)));
        Assert.True(await s.TryCreateScheduleAsync(Schedule("default", "a", null, "DISABLED")));
        Assert.True(await s.TryCreateScheduleAsync(Schedule("team-a", "a", T0.AddMinutes(5))));
        Assert.False(await s.TryCreateScheduleAsync(Schedule("default", "b", T0)));

        var page1 = await s.ListSchedulesAsync(null, null, null, null, 2);
        Assert.Equal([("default", "a"), ("default", "b")], page1.Items.Select(x => (x.GroupName, x.Name)));
        var page2 = await s.ListSchedulesAsync(null, null, null, page1.NextKey, 2);
        Assert.Equal([("team-a", "a")], page2.Items.Select(x => (x.GroupName, x.Name)));
        Assert.Null(page2.NextKey);
        Assert.Equal(["b"], (await s.ListSchedulesAsync("default", null, "ENABLED", null, 10)).Items.Select(x => x.Name));
        Assert.Equal(["a"], (await s.ListSchedulesAsync(null, "a", null, null, 10)).Items.Where(x => x.GroupName == "default").Select(x => x.Name));
        Assert.Equal(Schedule("team-a", "a", T0.AddMinutes(5)), await s.GetScheduleAsync("team-a", "a"));

        Assert.True(await s.UpdateScheduleAsync(Schedule("default", "a", T0.AddMinutes(1))));
        Assert.False(await s.UpdateScheduleAsync(Schedule("default", "zzz", T0)));
        Assert.True(await s.DeleteGroupAsync("team-a"));
        Assert.Null(await s.GetScheduleAsync("team-a", "a"));
        Assert.True(await s.DeleteScheduleAsync("default", "a"));
        Assert.False(await s.DeleteScheduleAsync("default", "a"));
        Assert.Equal(["b"], (await s.ListSchedulesAsync(null, null, null, null, 10)).Items.Select(x => x.Name));
    }

    [Fact]
    public async Task ScheduleStore_Advance_IsCompareAndSet_AndDeliveriesCompleteOrRetry()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var s = store.Schedules;
        Assert.Null(await s.EarliestDueAsync());
        await s.TryCreateScheduleAsync(Schedule("default", "once", T0));
        await s.TryCreateScheduleAsync(Schedule("default", "later", T0.AddHours(1)));
        Assert.Equal(T0, await s.EarliestDueAsync());
        Assert.Equal(["once"], (await s.ListDueSchedulesAsync(T0.AddSeconds(1), 10)).Select(x => x.Name));

        ScheduleDeliveryRecord Run(DateTimeOffset at, bool last) => new() { GroupName = "default", Name = "once", ScheduledTime = at, Due = at.AddSeconds(30), Json = """{"t":1}""", DeleteScheduleAfter = last };
        var written = await s.AdvanceAsync([new ScheduleAdvance("default", "once", T0, null, [Run(T0, true)])]);
        var delivery = Assert.Single(written);
        Assert.True(delivery.Id > 0);
        // The same advance again (another runner, or a retry) finds the next run moved: nothing is written twice.
        Assert.Empty(await s.AdvanceAsync([new ScheduleAdvance("default", "once", T0, null, [Run(T0, true)])]));
        Assert.Null((await s.GetScheduleAsync("default", "once"))!.NextFire);
        Assert.Equal(T0.AddSeconds(30), await s.EarliestDueAsync());

        Assert.Empty(await s.ListDueDeliveriesAsync(T0.AddSeconds(29), 10));
        var due = Assert.Single(await s.ListDueDeliveriesAsync(T0.AddSeconds(30), 10));
        Assert.Equal((delivery.Id, T0, 0, """{"t":1}""", true), (due.Id, due.ScheduledTime, due.Attempts, due.Json, due.DeleteScheduleAfter));

        await s.RetryDeliveryAsync(due.Id, T0.AddMinutes(2), 1);
        Assert.Empty(await s.ListDueDeliveriesAsync(T0.AddMinutes(1), 10));
        var retried = Assert.Single(await s.ListDueDeliveriesAsync(T0.AddMinutes(2), 10));
        Assert.Equal((T0.AddMinutes(2), 1), (retried.Due, retried.Attempts));

        await s.CompleteDeliveriesAsync([retried]);
        Assert.Empty(await s.ListDueDeliveriesAsync(T0.AddHours(2), 10));
        // ActionAfterCompletion DELETE on the last run removed the schedule.
        Assert.Null(await s.GetScheduleAsync("default", "once"));
        Assert.Equal(T0.AddHours(1), await s.EarliestDueAsync());
    }
}
