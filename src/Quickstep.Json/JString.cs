namespace Quickstep.Json;

public sealed class JString : JValue
{
    public static readonly JString Empty = new(string.Empty);

    private JString(string value) => Value = value;

    private int _size = -1;

    public string Value { get; }

    public override int Utf8Size => _size >= 0 ? _size : (_size = SizeOf(Value));

    /// <summary>The UTF-8 size of <paramref name="value"/> as a JSON string literal (quotes and escapes included).</summary>
    public static int SizeOf(string value)
    {
        var size = 2;
        foreach (var c in value)
        {
            if (c < 0x80)
                size += c switch
                {
                    '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t' => 2,
                    < ' ' => 6,
                    _ => 1,
                };
            else if (c < 0x800)
                size += 2;
            else if (char.IsSurrogate(c))
                size += 2; // a surrogate pair is 4 bytes in UTF-8
            else
                size += 3;
        }

        return size;
    }

    public override JKind Kind => JKind.String;

    public static JString Create(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? Empty : new JString(value);
    }

    public override bool Equals(JValue? other) => other is JString s && string.Equals(Value, s.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
