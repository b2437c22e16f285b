namespace Quickstep.Asl.Json;

public sealed class JString : JValue
{
    public static readonly JString Empty = new(string.Empty);

    private JString(string value) => Value = value;

    public string Value { get; }

    public override JKind Kind => JKind.String;

    public static JString Create(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? Empty : new JString(value);
    }

    public override bool Equals(JValue? other) => other is JString s && string.Equals(Value, s.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
