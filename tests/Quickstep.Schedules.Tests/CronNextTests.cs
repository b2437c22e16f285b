namespace Quickstep.Schedules.Tests;

public sealed class CronNextTests
{
    private static readonly TimeZoneInfo NewYork = Zone("America/New_York");

    private static TimeZoneInfo Zone(string name)
    {
        Assert.True(ScheduleTimeZones.TryFind(name, out var zone));
        return zone;
    }

    private static CronExpression Cron(string text) => Assert.IsType<CronExpression>(ScheduleExpression.Parse(text));

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    private static List<DateTimeOffset> Runs(CronExpression cron, DateTimeOffset after, int count, TimeZoneInfo zone)
    {
        var runs = new List<DateTimeOffset>();
        var at = after;
        for (var i = 0; i < count; i++)
        {
            var next = cron.NextAfter(at, zone);
            Assert.NotNull(next);
            runs.Add(next.Value);
            at = next.Value;
        }

        return runs;
    }

    [Theory]
    [InlineData("cron(15 10 * * ? *)", "2026-01-01T00:00:00Z", "2026-01-01T10:15:00Z")]
    [InlineData("cron(15 10 * * ? *)", "2026-01-01T10:15:00Z", "2026-01-02T10:15:00Z")] // strictly after
    [InlineData("cron(15 10 * * ? *)", "2026-01-01T10:14:59Z", "2026-01-01T10:15:00Z")]
    [InlineData("cron(0 18 ? * MON-FRI *)", "2026-01-02T18:00:00Z", "2026-01-05T18:00:00Z")] // Fri → Mon
    [InlineData("cron(0 8 1 * ? *)", "2026-01-15T00:00:00Z", "2026-02-01T08:00:00Z")]
    [InlineData("cron(0/15 10-16 ? * MON-FRI *)", "2026-01-05T16:45:00Z", "2026-01-06T10:00:00Z")]
    [InlineData("cron(0 0 29 2 ? *)", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z")] // leap day
    [InlineData("cron(0 0 31 * ? *)", "2026-04-01T00:00:00Z", "2026-05-31T00:00:00Z")] // April has no 31st
    [InlineData("cron(0 9 L * ? *)", "2026-02-01T00:00:00Z", "2026-02-28T09:00:00Z")]
    [InlineData("cron(0 9 L * ? *)", "2028-02-01T00:00:00Z", "2028-02-29T09:00:00Z")]
    [InlineData("cron(0 9 L-2 * ? *)", "2026-01-01T00:00:00Z", "2026-01-29T09:00:00Z")]
    [InlineData("cron(0 9 LW * ? *)", "2026-05-01T00:00:00Z", "2026-05-29T09:00:00Z")] // May 31 2026 is a Sunday
    [InlineData("cron(0 9 15W * ? *)", "2026-08-01T00:00:00Z", "2026-08-14T09:00:00Z")] // Aug 15 2026 is a Saturday
    [InlineData("cron(0 9 15W * ? *)", "2026-11-01T00:00:00Z", "2026-11-16T09:00:00Z")] // Nov 15 2026 is a Sunday
    [InlineData("cron(0 9 1W * ? *)", "2026-08-01T00:00:00Z", "2026-08-03T09:00:00Z")] // Aug 1 2026 Saturday → Monday 3rd
    [InlineData("cron(0 9 31W * ? *)", "2026-05-01T00:00:00Z", "2026-05-29T09:00:00Z")] // May 31 Sunday → Friday 29th
    [InlineData("cron(0 9 ? * 2#1 *)", "2026-01-01T00:00:00Z", "2026-01-05T09:00:00Z")] // first Monday
    [InlineData("cron(0 9 ? * MON#3 *)", "2026-01-01T00:00:00Z", "2026-01-19T09:00:00Z")]
    [InlineData("cron(0 9 ? * 6#5 *)", "2026-02-01T00:00:00Z", "2026-05-29T09:00:00Z")] // fifth Friday: next in May
    [InlineData("cron(0 9 ? * 6L *)", "2026-01-01T00:00:00Z", "2026-01-30T09:00:00Z")] // last Friday
    [InlineData("cron(0 9 ? * L *)", "2026-01-01T00:00:00Z", "2026-01-03T09:00:00Z")] // L alone = Saturday
    [InlineData("cron(0 9 ? * FRI-MON *)", "2026-01-06T00:00:00Z", "2026-01-09T09:00:00Z")] // wraps Fri..Mon
    [InlineData("cron(0 0 1 1 ? 2030)", "2026-01-01T00:00:00Z", "2030-01-01T00:00:00Z")]
    [InlineData("cron(0 0 1 1 ? 2026/3)", "2026-06-01T00:00:00Z", "2029-01-01T00:00:00Z")]
    [InlineData("cron(0 0 1 JUL ? *)", "2026-07-01T00:00:00Z", "2027-07-01T00:00:00Z")]
    [InlineData("cron(5-40/5 * * * ? *)", "2026-01-01T00:40:00Z", "2026-01-01T01:05:00Z")]
    [InlineData("cron(0 22-2 * * ? *)", "2026-01-01T02:00:00Z", "2026-01-01T22:00:00Z")] // wrapping hours
    [InlineData("cron(* * * * ? *)", "2026-01-01T00:00:30Z", "2026-01-01T00:01:00Z")]
    [InlineData("cron(59 23 31 12 ? *)", "2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z")]
    public void NextAfter_Utc_MatchesCalendar(string text, string after, string expected)
    {
        var next = Cron(text).NextAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.Utc);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void NextAfter_PastLastYear_IsNull()
    {
        Assert.Null(Cron("cron(0 0 1 1 ? 2026)").NextAfter(Utc(2026, 1, 1), TimeZoneInfo.Utc));
        Assert.Null(Cron("cron(59 23 31 12 ? 2199)").NextAfter(Utc(2199, 12, 31, 23, 59), TimeZoneInfo.Utc));
        Assert.Equal(Utc(2199, 12, 31, 23, 59), Cron("cron(59 23 31 12 ? 2199)").NextAfter(Utc(2199, 12, 31), TimeZoneInfo.Utc));
    }

    [Fact]
    public void NextAfter_NeverMatchingDay_IsNull() =>
        Assert.Null(Cron("cron(0 0 30 2 ? *)").NextAfter(Utc(2026, 1, 1), TimeZoneInfo.Utc));

    [Fact]
    public void NextAfter_EveryMinuteOverAMonth_AgreesWithMatches()
    {
        var cron = Cron("cron(0/7 */3 ? * MON,WED,FRI *)");
        var at = Utc(2026, 3, 1);
        var end = Utc(2026, 4, 1);
        var expected = new List<DateTimeOffset>();
        for (var t = at.AddMinutes(1); t < end; t = t.AddMinutes(1))
        {
            if (cron.Matches(t.UtcDateTime))
            {
                expected.Add(t);
            }
        }

        var actual = new List<DateTimeOffset>();
        for (var next = cron.NextAfter(at, TimeZoneInfo.Utc); next < end; next = cron.NextAfter(next.Value, TimeZoneInfo.Utc))
        {
            actual.Add(next!.Value);
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NextAfter_InZone_UsesLocalWallClock()
    {
        // 09:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer.
        var cron = Cron("cron(0 9 * * ? *)");
        Assert.Equal(Utc(2026, 1, 15, 14), cron.NextAfter(Utc(2026, 1, 15), NewYork));
        Assert.Equal(Utc(2026, 7, 15, 13), cron.NextAfter(Utc(2026, 7, 15), NewYork));
    }

    [Fact]
    public void NextAfter_SpringForward_SkipsTheMissingWallTime()
    {
        // 2026-03-08 New York: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day: AWS skips the run.
        var runs = Runs(Cron("cron(30 2 * * ? *)"), Utc(2026, 3, 6, 12), 3, NewYork);
        Assert.Equal([Utc(2026, 3, 7, 7, 30), Utc(2026, 3, 9, 6, 30), Utc(2026, 3, 10, 6, 30)], runs);
    }

    [Fact]
    public void NextAfter_SpringForward_EveryQuarterHourSkipsOnlyTheGap()
    {
        var runs = Runs(Cron("cron(0/15 * * * ? *)"), Utc(2026, 3, 8, 6, 30), 4, NewYork); // 01:30 EST
        // 01:45 EST, then the 02:xx wall times do not exist, then 03:00 EDT.
        Assert.Equal([Utc(2026, 3, 8, 6, 45), Utc(2026, 3, 8, 7, 0), Utc(2026, 3, 8, 7, 15), Utc(2026, 3, 8, 7, 30)], runs);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), runs[1]);
    }

    [Fact]
    public void NextAfter_FallBack_RunsTheRepeatedWallTimeOnce()
    {
        // 2026-11-01 New York: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice, AWS runs it once (the first).
        var runs = Runs(Cron("cron(30 1 * * ? *)"), Utc(2026, 10, 31, 12), 3, NewYork);
        Assert.Equal([Utc(2026, 11, 1, 5, 30), Utc(2026, 11, 2, 6, 30), Utc(2026, 11, 3, 6, 30)], runs);
    }

    [Fact]
    public void NextAfter_FallBack_EveryQuarterHourDoesNotRepeatTheHour()
    {
        var runs = Runs(Cron("cron(0/15 * * * ? *)"), Utc(2026, 11, 1, 5, 30), 4, NewYork); // 01:30 EDT
        // 01:45 EDT; the repeated 01:00–01:45 EST are not run again; next is 02:00 EST.
        Assert.Equal([Utc(2026, 11, 1, 5, 45), Utc(2026, 11, 1, 7, 0), Utc(2026, 11, 1, 7, 15), Utc(2026, 11, 1, 7, 30)], runs);
    }

    [Fact]
    public void NextAfter_FromInsideTheRepeatedHour_WaitsForTheNextNewWallTime()
    {
        // 'after' is 01:40 EST (the second pass): 01:45 already ran at 01:45 EDT, so the next is 02:00 EST.
        var next = Cron("cron(0/15 * * * ? *)").NextAfter(Utc(2026, 11, 1, 6, 40), NewYork);
        Assert.Equal(Utc(2026, 11, 1, 7, 0), next);
    }

    [Fact]
    public void NextAfter_MidnightGap_StillRunsLaterThatDay()
    {
        // America/Santiago springs forward at 24:00 → 01:00 (2026-09-06): the day must not be skipped.
        var santiago = Zone("America/Santiago");
        var cron = Cron("cron(0 0/2 * * ? *)");
        var before = new DateTimeOffset(2026, 9, 5, 22, 0, 0, TimeSpan.FromHours(-4));
        var next = cron.NextAfter(before, santiago);
        Assert.NotNull(next);
        var local = TimeZoneInfo.ConvertTime(next.Value, santiago);
        Assert.Equal(new DateTime(2026, 9, 6, 2, 0, 0), local.DateTime);
    }

    [Fact]
    public void NextAfter_HalfHourZone_UsesItsOffset()
    {
        var kolkata = Zone("Asia/Kolkata");
        Assert.Equal(Utc(2026, 1, 1, 3, 30), Cron("cron(0 9 * * ? *)").NextAfter(Utc(2026, 1, 1), kolkata));
    }
}
