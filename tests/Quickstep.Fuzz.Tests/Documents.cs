using System.Globalization;
using System.Text.Json;
using CsCheck;
using Quickstep.Json;

namespace Quickstep.Fuzz.Tests;

/// <summary>Random JSON documents (text and parsed) over a small alphabet of keys, so that paths and patterns often hit.</summary>
internal static class Documents
{
    private static readonly string[] Keys = ["a", "b", "c", "x", "0", "", "$", "source", "detail-type", "detail", "Type", "items", "é"];

    private static readonly Gen<string> Strings = Gen.Frequency(
        (3, Gen.OneOf("", "a", "b", "abc", "{}", "[1,2]", "$.a", "10.0.0.1", "2024-01-01T00:00:00Z", "aws.s3", "x y", "é")),
        (1, Gen.String[0, 12]));

    private static readonly Gen<string> Scalars = Gen.Frequency(
        (2, Gen.OneOf("null", "true", "false", "0", "-1", "1.5", "-0", "1e308", "-1e308", "5e-324", "12345678901234567890", "2147483648")),
        (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (3, Strings.Select(s => JsonSerializer.Serialize(s))));

    public static readonly Gen<string> Text = Value(4);

    /// <summary>Parsed documents (texts this parser refuses, such as lone surrogates, are skipped).</summary>
    public static readonly Gen<JValue> Any = Text.Select(t => JsonText.TryParse(t, out var v, out _) ? v! : JValue.Null);

    private static Gen<string> Value(int depth)
    {
        if (depth == 0)
            return Scalars;
        var inner = Value(depth - 1);
        return Gen.Frequency(
            (3, Scalars),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(Gen.OneOf(Keys), inner).Array[0, 5].Select(Object)));
    }

    private static string Object((string Key, string Value)[] members) =>
        "{" + string.Join(",", members.DistinctBy(m => m.Key).Select(m => JsonSerializer.Serialize(m.Key) + ":" + m.Value)) + "}";
}
