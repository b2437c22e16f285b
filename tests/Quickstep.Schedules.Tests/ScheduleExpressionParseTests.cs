namespace Quickstep.Schedules.Tests;

public sealed class ScheduleExpressionParseTests
{
    [Theory]
    [InlineData("rate(1 minute)", 1, RateUnit.Minutes)]
    [InlineData("rate(5 minutes)", 5, RateUnit.Minutes)]
    [InlineData("rate(1 hour)", 1, RateUnit.Hours)]
    [InlineData("rate(12 hours)", 12, RateUnit.Hours)]
    [InlineData("rate(1 day)", 1, RateUnit.Days)]
    [InlineData("rate(7 days)", 7, RateUnit.Days)]
    [InlineData("rate(1 minutes)", 1, RateUnit.Minutes)]
    public void Parse_Rate_ReadsValueAndUnit(string text, int value, RateUnit unit)
    {
        var rate = Assert.IsType<RateExpression>(ScheduleExpression.Parse(text));
        Assert.Equal(value, rate.Value);
        Assert.Equal(unit, rate.Unit);
        Assert.False(rate.IsOneTime);
    }

    [Theory]
    [InlineData("rate(0 minutes)")]
    [InlineData("rate(-1 minutes)")]
    [InlineData("rate(5 weeks)")]
    [InlineData("rate(5)")]
    [InlineData("rate(five minutes)")]
    [InlineData("rate( 5 minutes)")]
    [InlineData("rate(5  minutes)")]
    [InlineData("rate(5 Minutes)")]
    [InlineData("rate(1.5 hours)")]
    [InlineData("rate()")]
    [InlineData("rate(5 minutes")]
    [InlineData("RATE(5 minutes)")]
    [InlineData("every 5 minutes")]
    [InlineData("")]
    [InlineData("rate(99999999999 minutes)")]
    public void Parse_InvalidRate_ThrowsAwsMessage(string text)
    {
        var error = Assert.Throws<ScheduleExpressionException>(() => ScheduleExpression.Parse(text));
        Assert.Equal($"Invalid Schedule Expression {text}.", error.Message);
    }

    [Theory]
    [InlineData("rate(1 minutes)")]
    [InlineData("rate(5 minute)")]
    [InlineData("rate(2 hour)")]
    [InlineData("rate(1 days)")]
    [InlineData("at(2030-01-01T00:00:00)")]
    public void Parse_RuleDialect_EnforcesSingularPluralAndNoAt(string text)
    {
        Assert.False(ScheduleExpression.TryParse(text, ScheduleExpressionDialect.EventBridgeRule, out var expression, out var error));
        Assert.Null(expression);
        Assert.Equal("Parameter ScheduleExpression is not valid.", error);
    }

    [Theory]
    [InlineData("rate(1 minute)")]
    [InlineData("rate(5 minutes)")]
    [InlineData("cron(0 12 * * ? *)")]
    public void Parse_RuleDialect_AcceptsRuleExpressions(string text)
    {
        Assert.True(ScheduleExpression.TryParse(text, ScheduleExpressionDialect.EventBridgeRule, out var expression, out var error));
        Assert.NotNull(expression);
        Assert.Null(error);
    }

    [Fact]
    public void Parse_At_ReadsWallClockTime()
    {
        var at = Assert.IsType<AtExpression>(ScheduleExpression.Parse("at(2026-03-08T02:30:00)"));
        Assert.Equal(new DateTime(2026, 3, 8, 2, 30, 0), at.LocalTime);
        Assert.Equal(DateTimeKind.Unspecified, at.LocalTime.Kind);
        Assert.True(at.IsOneTime);
    }

    [Theory]
    [InlineData("at(2026-02-30T00:00:00)")]
    [InlineData("at(2026-13-01T00:00:00)")]
    [InlineData("at(2026-01-01 00:00:00)")]
    [InlineData("at(2026-01-01T24:00:00)")]
    [InlineData("at(2026-01-01T00:00)")]
    [InlineData("at(2026-01-01T00:00:00Z)")]
    [InlineData("at(2026-1-1T00:00:00)")]
    public void Parse_InvalidAt_Throws(string text) =>
        Assert.Throws<ScheduleExpressionException>(() => ScheduleExpression.Parse(text));

    [Theory]
    [InlineData("cron(0 10 * * ? *)")]
    [InlineData("cron(15 12 * * ? *)")]
    [InlineData("cron(0 18 ? * MON-FRI *)")]
    [InlineData("cron(0 8 1 * ? *)")]
    [InlineData("cron(0/10 * ? * MON-FRI *)")]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)")]
    [InlineData("cron(0 9 ? * 2#1 *)")]
    [InlineData("cron(0 9 L * ? *)")]
    [InlineData("cron(0 9 L-2 * ? *)")]
    [InlineData("cron(0 9 LW * ? *)")]
    [InlineData("cron(0 9 15W * ? *)")]
    [InlineData("cron(0 9 ? * 6L *)")]
    [InlineData("cron(0 9 ? * L *)")]
    [InlineData("cron(0 9 ? * FRI-MON *)")]
    [InlineData("cron(0 0 1 JAN,jul ? 2026-2030)")]
    [InlineData("cron(0 0 1 1 ? 2026/2)")]
    [InlineData("cron(*/15 * * * ? *)")]
    [InlineData("cron(5-40/5 * * * ? *)")]
    [InlineData("cron(0,30 1,13 * * ? *)")]
    [InlineData("cron(0 0 ? * SUN,sat *)")]
    [InlineData("cron(59 23 31 12 ? 2199)")]
    [InlineData("cron(0  0 * * ? *)")]
    public void Parse_ValidCron_Succeeds(string text) =>
        Assert.IsType<CronExpression>(ScheduleExpression.Parse(text));

    [Theory]
    [InlineData("cron(0 10 * * * *)")] // both day fields set
    [InlineData("cron(0 10 ? * ? *)")] // both '?'
    [InlineData("cron(0 10 * * ?)")] // five fields
    [InlineData("cron(0 0 10 * * ? *)")] // seven fields (seconds)
    [InlineData("cron(60 10 * * ? *)")]
    [InlineData("cron(0 24 * * ? *)")]
    [InlineData("cron(0 0 0 * ? *)")]
    [InlineData("cron(0 0 32 * ? *)")]
    [InlineData("cron(0 0 * 13 ? *)")]
    [InlineData("cron(0 0 * 0 ? *)")]
    [InlineData("cron(0 0 ? * 0 *)")]
    [InlineData("cron(0 0 ? * 8 *)")]
    [InlineData("cron(0 0 * * ? 1969)")]
    [InlineData("cron(0 0 * * ? 2200)")]
    [InlineData("cron(0 0 * * ? 2030-2026)")]
    [InlineData("cron(0 0 ? * MON#6 *)")]
    [InlineData("cron(0 0 ? * MON#1,TUE *)")]
    [InlineData("cron(0 0 ? * 1/2 *)")]
    [InlineData("cron(0 0 * FOO ? *)")]
    [InlineData("cron(0 0 ? * MONDAY *)")]
    [InlineData("cron(0/0 0 * * ? *)")]
    [InlineData("cron(0 0 32W * ? *)")]
    [InlineData("cron(0 0 L-31 * ? *)")]
    [InlineData("cron(0, 0 * * ? *)")]
    [InlineData("cron(a 0 * * ? *)")]
    [InlineData("cron(0 0 ?? * ? *)")]
    [InlineData("cron()")]
    public void Parse_InvalidCron_ThrowsAwsMessage(string text)
    {
        var error = Assert.Throws<ScheduleExpressionException>(() => ScheduleExpression.Parse(text));
        Assert.Equal($"Invalid Schedule Expression {text}.", error.Message);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Lord_Howe")]
    public void TimeZones_KnownIanaName_IsFound(string name)
    {
        Assert.True(ScheduleTimeZones.TryFind(name, out var zone));
        Assert.NotNull(zone);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("EST5EDT6")]
    public void TimeZones_UnknownName_IsRejected(string name) =>
        Assert.False(ScheduleTimeZones.TryFind(name, out _));
}
