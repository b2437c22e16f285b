namespace Quickstep.Schedules;

/// <summary>The six parsed fields of a cron expression as bit sets plus the day-of-month and day-of-week specials.</summary>
internal sealed class CronFields
{
    public ulong Minutes { get; set; }

    public uint Hours { get; set; }

    public ulong DaysOfMonth { get; set; }

    public bool DayOfMonthAny { get; set; }

    /// <summary>L or L-n: the last day of the month minus this offset; -1 when absent.</summary>
    public int LastDayOffset { get; set; } = -1;

    /// <summary>LW: the last weekday (Mon–Fri) of the month.</summary>
    public bool LastWeekday { get; set; }

    /// <summary>nW: the weekday nearest to day n, within the month; 0 when absent.</summary>
    public int NearestWeekday { get; set; }

    public uint Months { get; set; }

    /// <summary>Days of week, AWS numbering (1 = SUN … 7 = SAT).</summary>
    public uint DaysOfWeek { get; set; }

    public bool DayOfWeekAny { get; set; }

    /// <summary>nL: the last such day of week in the month; 0 when absent.</summary>
    public int LastDayOfWeek { get; set; }

    /// <summary>n#k: the k-th such day of week in the month; 0 when absent.</summary>
    public int NthDayOfWeek { get; set; }

    public int NthOccurrence { get; set; }

    public bool[] Years { get; } = new bool[CronExpression.MaxYear - CronExpression.MinYear + 1];

    public bool MinuteMatches(int minute) => (Minutes & (1UL << minute)) != 0;

    public bool HourMatches(int hour) => (Hours & (1U << hour)) != 0;

    public bool MonthMatches(int month) => (Months & (1U << month)) != 0;

    public bool YearMatches(int year) => year is >= CronExpression.MinYear and <= CronExpression.MaxYear && Years[year - CronExpression.MinYear];

    public int NextYear(int from)
    {
        for (var year = Math.Max(from, CronExpression.MinYear); year <= CronExpression.MaxYear; year++)
        {
            if (Years[year - CronExpression.MinYear])
            {
                return year;
            }
        }

        return int.MaxValue;
    }

    public bool DayMatches(DateOnly date) => DayOfMonthMatches(date) && DayOfWeekMatches(date);

    private bool DayOfMonthMatches(DateOnly date)
    {
        if (DayOfMonthAny)
        {
            return true;
        }

        var day = date.Day;
        if ((DaysOfMonth & (1UL << day)) != 0)
        {
            return true;
        }

        var daysInMonth = DateTime.DaysInMonth(date.Year, date.Month);
        if (LastDayOffset >= 0 && day == daysInMonth - LastDayOffset)
        {
            return true;
        }

        if (LastWeekday && day == Nearest(date.Year, date.Month, daysInMonth, daysInMonth))
        {
            return true;
        }

        return NearestWeekday > 0 && NearestWeekday <= daysInMonth && day == Nearest(date.Year, date.Month, NearestWeekday, daysInMonth);
    }

    private bool DayOfWeekMatches(DateOnly date)
    {
        if (DayOfWeekAny)
        {
            return true;
        }

        var dow = (int)date.DayOfWeek + 1;
        if ((DaysOfWeek & (1U << dow)) != 0)
        {
            return true;
        }

        if (LastDayOfWeek == dow && date.Day + 7 > DateTime.DaysInMonth(date.Year, date.Month))
        {
            return true;
        }

        return NthDayOfWeek == dow && ((date.Day - 1) / 7) + 1 == NthOccurrence;
    }

    // The weekday nearest to 'day' without leaving the month (Quartz's and AWS's W).
    private static int Nearest(int year, int month, int day, int daysInMonth)
    {
        var dow = new DateOnly(year, month, day).DayOfWeek;
        return dow switch
        {
            DayOfWeek.Saturday => day == 1 ? 3 : day - 1,
            DayOfWeek.Sunday => day == daysInMonth ? day - 2 : day + 1,
            _ => day,
        };
    }
}
