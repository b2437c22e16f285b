namespace Quickstep.Engine.Plan;

/// <summary>
/// Decides at compile time whether a state's expressions can read the context object, so the
/// per-state context ($$ / $states.context) is only built for states that need it.
/// </summary>
internal static class ContextUse
{
    public static bool Any(params ReadOnlySpan<JValue?> fields)
    {
        foreach (var f in fields)
        {
            if (f is not null && Scan(f))
                return true;
        }

        return false;
    }

    public static bool Text(string? text) =>
        text is not null && (text.Contains("$$", StringComparison.Ordinal) || text.Contains("$states", StringComparison.Ordinal));

    private static bool Scan(JValue value)
    {
        switch (value)
        {
            case JString s:
                return Text(s.Value);
            case JArray a:
                foreach (var item in a.AsSpan())
                {
                    if (Scan(item))
                        return true;
                }

                return false;
            case JObject o:
                foreach (var p in o.AsSpan())
                {
                    if (Scan(p.Value))
                        return true;
                }

                return false;
            default:
                return false;
        }
    }
}
