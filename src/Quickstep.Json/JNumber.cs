using System.Globalization;
using System.Numerics;

namespace Quickstep.Json;

/// <summary>
/// A JSON number: an IEEE-754 double (the ASL spec's number model) that keeps the text it was
/// parsed from, so that numbers keep their form on output (DESIGN.md, "Rules that keep it faithful").
/// </summary>
public sealed class JNumber : JValue
{
    private static readonly JNumber[] SmallInts = CreateSmallInts();

    private JNumber(double value, string? text)
    {
        Value = value;
        Text = text;
    }

    public static JNumber Zero => SmallInts[0];

    public double Value { get; }

    /// <summary>The literal text this number was parsed from, or null when it was computed.</summary>
    public string? Text { get; }

    public override JKind Kind => JKind.Number;

    public override int Utf8Size => Text?.Length ?? (double.IsFinite(Value) ? FormattedLength(Value) : 4);

    /// <summary>True when the value has no fractional part (as AWS's integer checks define it).</summary>
    public bool IsIntegral => double.IsFinite(Value) && Math.Floor(Value) == Value;

    public static JNumber Create(double value)
    {
        if (value >= 0 && value < SmallInts.Length && Math.Floor(value) == value && !double.IsNegative(value))
            return SmallInts[(int)value];
        return new JNumber(value, null);
    }

    public static JNumber Create(long value) =>
        value >= 0 && value < SmallInts.Length ? SmallInts[value] : new JNumber(value, null);

    /// <summary>A number parsed from JSON text; <paramref name="text"/> must be a valid JSON number.</summary>
    public static JNumber FromText(string text, double value)
    {
        if (value >= 0 && value < SmallInts.Length && text.Length <= 3 && !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase) && !text.StartsWith('-'))
            return SmallInts[(int)value];
        return new JNumber(value, text);
    }

    /// <summary>The number as JSON text: its original text, else the shortest round-trip form.</summary>
    public string ToJsonText()
    {
        if (Text is not null)
            return Text;
        return Format(Value);
    }

    public static string Format(double value)
    {
        if (Math.Floor(value) == value && Math.Abs(value) < 1e21)
        {
            if (Math.Abs(value) < 9.2e18)
                return ((long)value).ToString(CultureInfo.InvariantCulture);
            return value.ToString("F0", CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary><see cref="Format"/>'s length, counted without formatting for the integers it writes as a long (payload checks measure every computed number).</summary>
    private static int FormattedLength(double value)
    {
        if (Math.Floor(value) != value || Math.Abs(value) >= 9.2e18)
            return Format(value).Length;
        var n = (long)value;
        return n < 0 ? 1 + CountDigits((ulong)-n) : CountDigits((ulong)n);
    }

    private static readonly ulong[] PowersOf10 = [.. Enumerable.Range(0, 20).Select(i => (ulong)BigInteger.Pow(10, i))];

    /// <summary>The decimal digits of <paramref name="n"/>: log10 estimated from the bit length (1233/4096 ≈ log10 2), then corrected once.</summary>
    private static int CountDigits(ulong n)
    {
        var estimate = ((64 - BitOperations.LeadingZeroCount(n | 1)) * 1233) >> 12;
        return Math.Max(1, estimate + (n >= PowersOf10[estimate] ? 1 : 0));
    }

    public bool TryGetInt64(out long value) => TryGetInteger(out value);

    public bool TryGetInt32(out int value) => TryGetInteger(out value);

    /// <summary>The value as an integer of type <typeparamref name="T"/> when it has no fraction and lies within T's range.</summary>
    private bool TryGetInteger<T>(out T value)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (IsIntegral && Value >= double.CreateTruncating(T.MinValue) && Value <= double.CreateTruncating(T.MaxValue))
        {
            value = T.CreateTruncating(Value);
            return true;
        }

        value = T.Zero;
        return false;
    }

    public override bool Equals(JValue? other) => other is JNumber n && n.Value.Equals(Value);

    public override int GetHashCode() => Value.GetHashCode();

    private static JNumber[] CreateSmallInts()
    {
        var values = new JNumber[256];
        for (var i = 0; i < values.Length; i++)
            values[i] = new JNumber(i, null);
        return values;
    }
}
