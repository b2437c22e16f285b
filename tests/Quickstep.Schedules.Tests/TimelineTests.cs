namespace Quickstep.Schedules.Tests;

public sealed class TimelineTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    private static ScheduleTimeline Timeline(string text, TimeZoneInfo? zone = null, DateTimeOffset? start = null, DateTimeOffset? end = null, DateTimeOffset? anchor = null) =>
        new(ScheduleExpression.Parse(text), zone ?? TimeZoneInfo.Utc, start, end, anchor ?? Utc(2026, 1, 1, 0, 0, 17));

    [Fact]
    public void Rate_WithoutStartDate_FirstRunsAtCreationThenEveryPeriod()
    {
        var timeline = Timeline("rate(5 minutes)");
        Assert.Equal(Utc(2026, 1, 1, 0, 0, 17), timeline.FirstAtOrAfter(Utc(2026, 1, 1, 0, 0, 17)));
        Assert.Equal(Utc(2026, 1, 1, 0, 5, 17), timeline.NextAfter(Utc(2026, 1, 1, 0, 0, 17)));
        Assert.Equal(Utc(2026, 1, 1, 1, 0, 17), timeline.NextAfter(Utc(2026, 1, 1, 0, 58)));
    }

    [Fact]
    public void Rate_WithStartDate_AnchorsOnIt()
    {
        var timeline = Timeline("rate(1 hour)", start: Utc(2026, 2, 1, 9, 30));
        Assert.Equal(Utc(2026, 2, 1, 9, 30), timeline.FirstAtOrAfter(Utc(2026, 1, 1)));
        Assert.Equal(Utc(2026, 2, 1, 12, 30), timeline.NextAfter(Utc(2026, 2, 1, 11, 30)));
    }

    [Fact]
    public void Rate_Days_AreTwentyFourHoursAcrossDst()
    {
        // AWS: "days represents a 24-hour duration on the clock", so local wall time drifts an hour across the change.
        var timeline = Timeline("rate(1 day)", NewYork, start: Utc(2026, 3, 7, 14));
        Assert.Equal(Utc(2026, 3, 8, 14), timeline.NextAfter(Utc(2026, 3, 7, 14)));
        Assert.Equal(10, TimeZoneInfo.ConvertTime(Utc(2026, 3, 8, 14), NewYork).Hour);
    }

    [Fact]
    public void EndDate_StopsRunsAtOrAfterIt()
    {
        var timeline = Timeline("rate(10 minutes)", start: Utc(2026, 1, 1), end: Utc(2026, 1, 1, 0, 30));
        Assert.Equal(Utc(2026, 1, 1, 0, 20), timeline.NextAfter(Utc(2026, 1, 1, 0, 10)));
        Assert.Null(timeline.NextAfter(Utc(2026, 1, 1, 0, 20)));
    }

    [Fact]
    public void Cron_StartDate_IsInclusive()
    {
        var timeline = Timeline("cron(0 * * * ? *)", start: Utc(2026, 5, 1, 3));
        Assert.Equal(Utc(2026, 5, 1, 3), timeline.NextAfter(Utc(2026, 1, 1)));
        Assert.Equal(Utc(2026, 5, 1, 4), timeline.NextAfter(Utc(2026, 5, 1, 3)));
    }

    [Fact]
    public void Cron_EndDate_IsExclusive()
    {
        var timeline = Timeline("cron(0 * * * ? *)", end: Utc(2026, 5, 1, 3));
        Assert.Equal(Utc(2026, 5, 1, 2), timeline.NextAfter(Utc(2026, 5, 1, 1)));
        Assert.Null(timeline.NextAfter(Utc(2026, 5, 1, 2)));
    }

    [Fact]
    public void At_RunsOnceInItsZone_IgnoringStartAndEnd()
    {
        var timeline = Timeline("at(2026-06-01T09:00:00)", NewYork, start: Utc(2027, 1, 1), end: Utc(2026, 1, 2));
        Assert.Equal(Utc(2026, 6, 1, 13), timeline.NextAfter(Utc(2026, 1, 1)));
        Assert.Null(timeline.NextAfter(Utc(2026, 6, 1, 13)));
    }

    [Fact]
    public void At_InSpringForwardGap_RunsAnHourLater()
    {
        // 02:30 does not exist on 2026-03-08 in New York; a one-time schedule still runs once, at 03:30 EDT.
        var timeline = Timeline("at(2026-03-08T02:30:00)", NewYork);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 30, 0, TimeSpan.FromHours(-4)), timeline.NextAfter(Utc(2026, 1, 1)));
    }

    [Fact]
    public void At_InFallBackOverlap_RunsAtTheFirstOccurrence()
    {
        var timeline = Timeline("at(2026-11-01T01:30:00)", NewYork);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-4)), timeline.NextAfter(Utc(2026, 1, 1)));
    }

    [Fact]
    public void At_InThePast_HasNoRun() =>
        Assert.Null(Timeline("at(2020-01-01T00:00:00)").FirstAtOrAfter(Utc(2026, 1, 1)));
}
