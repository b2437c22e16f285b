using Quickstep.Asl.Json;

namespace Quickstep.Asl.Jsonata;

/// <summary>$formatInteger and $parseInteger: XPath F&amp;O 3.1 format-integer pictures (digits, words, roman, letters).</summary>
internal static class IntegerFormatter
{
    public static string Format(double value, string picture) => throw new JsonataException("D3199", "$formatInteger is not implemented: " + value + picture);

    public static JValue? Parse(string text, string picture) => throw new JsonataException("D3199", "$parseInteger is not implemented: " + text + picture);
}
