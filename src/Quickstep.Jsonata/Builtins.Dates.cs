using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>Date/time functions; picture strings are handled by <see cref="DateTimeFormatter"/>.</summary>
internal static partial class Builtins
{
    private static void AddDates(List<BuiltinFunction> l)
    {
        l.Add(new("millis", "<:n>", (ev, a, i) => N(ev.Now.ToUnixTimeMilliseconds())));
        l.Add(new("now", "<s?s?:s>", (ev, a, i) => S(FromMillis(ev.Now.ToUnixTimeMilliseconds(), Str(a, 0), Str(a, 1))), 0));
        l.Add(new("fromMillis", "<n-s?s?:s>", (ev, a, i) => Num(a, 0) is { } ms ? S(FromMillis((long)Math.Floor(ms), Str(a, 1), Str(a, 2))) : null, 1));
        l.Add(new("toMillis", "<s-s?:n>", (ev, a, i) =>
        {
            if (Str(a, 0) is not { } s)
                return null;
            if (Str(a, 1) is { } picture)
                return DateTimeFormatter.Parse(s, picture, ev.Now) is { } ms ? N(ms) : null;
            return N(ParseIso(s));
        }, 1));
    }

    private static string FromMillis(long ms, string? picture, string? timezone)
    {
        if (picture is null && timezone is null)
        {
            var dt = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
            return dt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        return DateTimeFormatter.Format(ms, picture, timezone);
    }

    internal static double ParseIso(string s)
    {
        var formats = new[]
        {
            "yyyy", "yyyy-MM", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        };
        if (DateTimeOffset.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
            return dto.ToUnixTimeMilliseconds();
        throw new JsonataException("D3110", "The timestamp " + s + " cannot be parsed") { Value = JString.Create(s) };
    }
}
