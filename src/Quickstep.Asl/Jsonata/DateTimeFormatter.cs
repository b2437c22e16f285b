namespace Quickstep.Asl.Jsonata;

/// <summary>XPath F&amp;O 3.1 date/time picture strings for $fromMillis, $now and $toMillis.</summary>
internal static class DateTimeFormatter
{
    public static string Format(long millis, string? picture, string? timezone) => throw new JsonataException("D3199", "picture formatting is not implemented: " + millis + picture + timezone);

    public static double? Parse(string text, string picture) => throw new JsonataException("D3199", "picture parsing is not implemented: " + text + picture);
}
