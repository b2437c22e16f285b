namespace Quickstep.Schedules;

/// <summary><c>rate(value unit)</c>: every <see cref="Period"/> of elapsed time from an anchor (StartDate, else creation).</summary>
public sealed class RateExpression : ScheduleExpression
{
    internal RateExpression(string text, int value, RateUnit unit)
        : base(text)
    {
        Value = value;
        Unit = unit;
        Period = unit switch
        {
            RateUnit.Minutes => TimeSpan.FromMinutes(value),
            RateUnit.Hours => TimeSpan.FromHours(value),
            _ => TimeSpan.FromDays(value),
        };
    }

    /// <summary>The positive count of units.</summary>
    public int Value { get; }

    /// <summary>The unit.</summary>
    public RateUnit Unit { get; }

    /// <summary>The elapsed time between two runs.</summary>
    public TimeSpan Period { get; }

    /// <summary>The first run strictly after <paramref name="after"/>: <paramref name="anchor"/> + k·<see cref="Period"/>, k ≥ 0.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset anchor, DateTimeOffset after)
    {
        if (after < anchor)
        {
            return anchor;
        }

        var periods = ((after - anchor).Ticks / Period.Ticks) + 1;
        return anchor + TimeSpan.FromTicks(periods * Period.Ticks);
    }
}
