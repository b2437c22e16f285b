using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Quickstep.Aws;

namespace Quickstep.Server.Tests.Scheduler;

/// <summary>Schedules firing on a fake clock: rate, cron across DST, at, flexible windows, end dates, disable/enable, restarts.</summary>
public sealed class SchedulerClockTests : IDisposable
{
    private const string Queue = "arn:aws:sqs:us-east-1:123456789012:q";
    private const string Dlq = "arn:aws:sqs:us-east-1:123456789012:dlq";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-sched-" + Guid.NewGuid().ToString("N"));

    public SchedulerClockTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "s.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static string Create(string name, string expression, string extra = "", string target = "") =>
        $$"""{"Name":"{{name}}","ScheduleExpression":"{{expression}}","FlexibleTimeWindow":{"Mode":"OFF"},"Target":{"Arn":"{{Queue}}","RoleArn":"arn:aws:iam::123456789012:role/r","Input":"<aws.scheduler.scheduled-time>"{{target}}}{{extra}}}""";

    private static DateTimeOffset[] Scheduled(RecordingTargets targets) =>
        [.. targets.Delivered.Select(d => DateTimeOffset.Parse(d.Request.Input, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))];

    [Fact]
    public async Task Rate_FiresAtCreationThenEveryPeriod()
    {
        var t0 = Utc(2026, 1, 1, 12);
        var clock = new FakeTimeProvider(t0);
        var targets = new RecordingTargets(clock);
        await using var h = await SchedulerHarness.OpenAsync(Db, clock, targets);
        await h.CallAsync("CreateSchedule", Create("r", "rate(5 minutes)"));
        await h.Service.Runner.RunDueAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1));
        Assert.Equal([t0, t0.AddMinutes(5), t0.AddMinutes(10), t0.AddMinutes(15), t0.AddMinutes(20), t0.AddMinutes(25), t0.AddMinutes(30)], Scheduled(targets));
        Assert.All(targets.Delivered, d => Assert.Equal(Queue, d.Request.Arn));
        Assert.Equal(Scheduled(targets), targets.Delivered.Select(d => d.At)); // each delivered at its due minute
    }

    [Fact]
    public async Task Cron_SpringForward_SkipsTheMissingRunInItsZone()
    {
        var clock = new FakeTimeProvider(Utc(2026, 3, 6, 12));
        var targets = new RecordingTargets(clock);
        await using var h = await SchedulerHarness.OpenAsync(Db, clock, targets);
        await h.CallAsync("CreateSchedule", Create("c", "cron(30 2 * * ? *)", ""","ScheduleExpressionTimezone":"America/New_York" """));
        await h.AdvanceAsync(TimeSpan.FromDays(4), TimeSpan.FromHours(1));
        // 02:30 EST on the 7th; none on the 8th (02:00 jumps to 03:00); 02:30 EDT on the 9th and 10th.
        Assert.Equal([Utc(2026, 3, 7, 7, 30), Utc(2026, 3, 9, 6, 30), Utc(2026, 3, 10, 6, 30)], Scheduled(targets));
    }

    [Fact]
    public async Task Cron_FallBack_RunsTheRepeatedTimeOnce()
    {
        var clock = new FakeTimeProvider(Utc(2026, 10, 31, 12));
        var targets = new RecordingTargets(clock);
        await using var h = await SchedulerHarness.OpenAsync(Db, clock, targets);
        await h.CallAsync("CreateSchedule", Create("c", "cron(30 1 * * ? *)", ""","ScheduleExpressionTimezone":"America/New_York" """));
        await h.AdvanceAsync(TimeSpan.FromDays(2), TimeSpan.FromMinutes(30));
        Assert.Equal([Utc(2026, 11, 1, 5, 30), Utc(2026, 11, 2, 6, 30)], Scheduled(targets));
    }

    [Fact]
    public async Task At_FiresOnceThenDeletesItselfWhenAsked()
    {
        var clock = new FakeTimeProvider(Utc(2026, 1, 1, 9));
        var targets = new RecordingTargets(clock);
        await using var h = await SchedulerHarness.OpenAsync(Db, clock, targets);
        await h.CallAsync("CreateSchedule", Create("once", "at(2026-01-01T10:00:00)", ""","ActionAfterCompletion":"DELETE" """));
        await h.CallAsync("CreateSchedule", Create("keep", "at(2026-01-01T10:00:00)"));
        await h.AdvanceAsync(TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(1));
        Assert.Empty(targets.Delivered);
        await h.AdvanceAsync(TimeSpan.FromHours(3), TimeSpan.FromMinutes(1));
        Assert.Equal([Utc(2026, 1, 1, 10), Utc(2026, 1, 1, 10)], Scheduled(targets));
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => h.CallAsync("GetSchedule", """{"Name":"once"}"""));
        Assert.Equal("ResourceNotFoundException", missing.Code);
        Assert.Equal("keep", ((Quickstep.Json.JString)(await h.CallAsync("GetSchedule", """{"Name":"keep"}"""))["Name"]!).Value);
    }

    [Fact]
    public async Task FlexibleWindow_DeliversAtTheRandomOffsetWithinTheWindow()
    {
        var t0 = Utc(2026, 1, 1, 9);
        var clock = new FakeTimeProvider(t0);
        var targets = new RecordingTargets(clock);
        await using var h = await SchedulerHarness.OpenAsync(Db, clock, targets, random: () => 0.5);
        await h.CallAsync("CreateSchedule", Create("f", "cron(0 10 * * ? *)").Replace("\"Mode\":\"OFF\"", "\"Mode\":\"FLEXIBLE\",\"MaximumWindowInMinutes\":10", StringComparison.Ordinal));
        await h.AdvanceAsync(TimeSpan.FromMinutes(64), TimeSpan.FromMinutes(1));
        Assert.Empty(targets.Delivered);
        await h.AdvanceAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        var d = Assert.Single(targets.Delivered);
        Assert.Equal(Utc(2026, 1, 1, 10, 5), d.At); // half of the 10-minute window
        Assert.Equal(Utc(2026, 1, 1, 10), Scheduled(targets)[0]); // the scheduled time stays the nominal one
    }

    [Fact]
    public async Task EndDate_StopsTheSchedule()
    {
        var t0 = Utc(2026, 1, 1, 9);
        var clock = new FakeTimeProvider(t0);
        var targets = new RecordingTargets(clock);
        await using var h = await SchedulerHarness.OpenAsync(Db, clock, targets);
        var end = (t0.AddMinutes(25).ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);
        await h.CallAsync("CreateSchedule", Create("e", "rate(10 minutes)", $",\"EndDate\":{end}"));
        await h.Service.Runner.RunDueAsync();
        await h.AdvanceAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        Assert.Equal([t0, t0.AddMinutes(10), t0.AddMinutes(20)], Scheduled(targets));
    }

    [Fact]
    public async Task DisableThenEnable_NoRunsWhileDisabledNoCatchUp()
    {
        var t0 = Utc(2026, 1, 1, 9);
        var clock = new FakeTimeProvider(t0);
        var targets = new RecordingTargets(clock);
        await using var h = await SchedulerHarness.OpenAsync(Db, clock, targets);
        await h.CallAsync("CreateSchedule", Create("d", "rate(10 minutes)"));
        await h.Service.Runner.RunDueAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        await h.CallAsync("UpdateSchedule", Create("d", "rate(10 minutes)", ""","State":"DISABLED" """));
        await h.AdvanceAsync(TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(1));
        Assert.Equal([t0], Scheduled(targets));
        await h.CallAsync("UpdateSchedule", Create("d", "rate(10 minutes)", ""","State":"ENABLED" """));
        await h.AdvanceAsync(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(1));
        // Enabled at 10:05: the rate keeps its anchor, so 10:10 and 10:20 run; nothing from the disabled hour.
        Assert.Equal([t0, t0.AddMinutes(70), t0.AddMinutes(80)], Scheduled(targets));
    }

    [Fact]
    public async Task Restart_NeitherLosesNorRepeatsARun()
    {
        var t0 = Utc(2026, 1, 1, 9);
        var clock = new FakeTimeProvider(t0);
        var targets = new RecordingTargets(clock);
        var h = await SchedulerHarness.OpenAsync(Db, clock, targets, random: () => 0.5);
        await h.CallAsync("CreateSchedule", Create("r", "rate(10 minutes)"));
        // A flexible run: at the restart its delivery is still pending (due 5 minutes after 09:00).
        await h.CallAsync("CreateSchedule", Create("flex", "at(2026-01-01T09:00:00)").Replace("\"Mode\":\"OFF\"", "\"Mode\":\"FLEXIBLE\",\"MaximumWindowInMinutes\":10", StringComparison.Ordinal));
        await h.Service.Runner.RunDueAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));
        Assert.Single(targets.Delivered); // r at 09:00; flex waits for 09:05
        await h.DisposeAsync();

        await using var again = await SchedulerHarness.OpenAsync(Db, clock, targets, random: () => 0.5);
        await again.Service.Runner.RunDueAsync();
        Assert.Single(targets.Delivered); // nothing repeated by the restart itself
        await again.AdvanceAsync(TimeSpan.FromMinutes(28), TimeSpan.FromMinutes(1));
        var byArn = targets.Delivered.Select(d => (d.At, Scheduled: DateTimeOffset.Parse(d.Request.Input, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))).ToList();
        Assert.Equal([(t0, t0), (t0.AddMinutes(5), t0), (t0.AddMinutes(10), t0.AddMinutes(10)), (t0.AddMinutes(20), t0.AddMinutes(20)), (t0.AddMinutes(30), t0.AddMinutes(30))], byArn);
    }

    [Fact]
    public async Task RunsMissedWhileDown_YoungerThanMaxEventAgeAreDeliveredOlderDropped()
    {
        var t0 = Utc(2026, 1, 1, 9);
        var clock = new FakeTimeProvider(t0);
        var targets = new RecordingTargets(clock);
        var h = await SchedulerHarness.OpenAsync(Db, clock, targets);
        await h.CallAsync("CreateSchedule", Create("r", "rate(10 minutes)", target: ""","RetryPolicy":{"MaximumEventAgeInSeconds":3600}"""));
        await h.Service.Runner.RunDueAsync();
        await h.DisposeAsync();

        clock.Advance(TimeSpan.FromHours(3)); // the server is down from 09:00 to 12:00
        await using var again = await SchedulerHarness.OpenAsync(Db, clock, targets);
        await again.Service.Runner.RunDueAsync();
        var expected = new List<DateTimeOffset> { t0 };
        for (var m = 120; m <= 180; m += 10)
            expected.Add(t0.AddMinutes(m)); // 11:00 … 12:00 are at most an hour old
        Assert.Equal(expected, Scheduled(targets));
        Assert.Equal(11, again.Service.Runner.Dropped); // 09:10 … 10:50
        await again.AdvanceAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));
        Assert.Equal(t0.AddMinutes(190), Scheduled(targets)[^1]);
        Assert.Equal(expected.Count + 1, targets.Delivered.Count);
    }

    [Fact]
    public async Task FailingTarget_RetriedThenDeadLettered()
    {
        var t0 = Utc(2026, 1, 1, 9);
        var clock = new FakeTimeProvider(t0);
        var targets = new RecordingTargets(clock);
        targets.Failing.Add(Queue);
        await using var h = await SchedulerHarness.OpenAsync(Db, clock, targets);
        await h.CallAsync("CreateSchedule", Create("f", "at(2026-01-01T09:00:00)", target: $$""","RetryPolicy":{"MaximumRetryAttempts":2},"DeadLetterConfig":{"Arn":"{{Dlq}}"}"""));
        await h.Service.Runner.RunDueAsync();
        await h.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        Assert.Equal(4, targets.Attempts); // the first try, two retries, then the dead-letter queue
        var dead = Assert.Single(targets.Delivered);
        Assert.Equal(Dlq, dead.Request.Arn);
        Assert.Equal("2026-01-01T09:00:00Z", dead.Request.Input);
    }
}
