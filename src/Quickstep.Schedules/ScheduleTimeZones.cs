namespace Quickstep.Schedules;

/// <summary>IANA time-zone names (ScheduleExpressionTimezone) to <see cref="TimeZoneInfo"/>.</summary>
public static class ScheduleTimeZones
{
    /// <summary>Finds a zone by its IANA name ("UTC" when null or empty); false when the name is unknown.</summary>
    public static bool TryFind(string? name, out TimeZoneInfo timeZone)
    {
        if (string.IsNullOrEmpty(name) || name == "UTC")
        {
            timeZone = TimeZoneInfo.Utc;
            return true;
        }

        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            timeZone = TimeZoneInfo.Utc;
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            timeZone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
