namespace Quickstep.Json;

public sealed class JNull : JValue
{
    internal static readonly JNull Instance = new();

    private JNull()
    {
    }

    public override JKind Kind => JKind.Null;

    public override int Utf8Size => 4;

    public override bool Equals(JValue? other) => other is JNull;

    public override int GetHashCode() => 0x6e756c6c;
}
