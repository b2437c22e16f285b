using Quickstep.Asl.Json;

namespace Quickstep.Asl.Jsonata;

/// <summary>$formatNumber: XPath F&amp;O 3.1 format-number with a decimal-format picture.</summary>
internal static class NumberFormatter
{
    public static string Format(double value, string picture, JObject? options) => throw new JsonataException("D3199", "$formatNumber is not implemented: " + value + picture + options);
}
