namespace Quickstep.Schedules;

/// <summary>Wall-clock time to instant in a time zone, the way EventBridge Scheduler resolves daylight-saving changes.</summary>
internal static class ZonedTime
{
    /// <summary>The instant of a valid local time; an ambiguous one (fall-back) maps to its first occurrence, so it runs once.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo timeZone)
    {
        if (timeZone.IsAmbiguousTime(local))
        {
            var offsets = timeZone.GetAmbiguousTimeOffsets(local);
            var largest = offsets[0];
            foreach (var offset in offsets)
            {
                if (offset > largest)
                {
                    largest = offset;
                }
            }

            return new DateTimeOffset(local - largest, TimeSpan.Zero);
        }

        return new DateTimeOffset(local - timeZone.GetUtcOffset(local), TimeSpan.Zero);
    }
}
