namespace Quickstep.Json;

public sealed class JBool : JValue
{
    internal static readonly JBool TrueInstance = new(true);
    internal static readonly JBool FalseInstance = new(false);

    private JBool(bool value) => Value = value;

    public bool Value { get; }

    public override JKind Kind => Value ? JKind.True : JKind.False;

    public override int Utf8Size => Value ? 4 : 5;

    public override bool Equals(JValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => Value ? 1 : 2;
}
