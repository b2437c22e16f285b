using System.Diagnostics.CodeAnalysis;

namespace Quickstep.Json;

/// <summary>
/// An immutable JSON value. Values are shared by reference between executions, states and
/// trees (no parent pointer), so a state transition never copies JSON; "changing" a value builds
/// a new one that shares every untouched child (see DESIGN.md, "Rules that keep it fast").
/// </summary>
public abstract class JValue : IEquatable<JValue>
{
    private protected JValue()
    {
    }

    public static JNull Null => JNull.Instance;

    public static JBool True => JBool.TrueInstance;

    public static JBool False => JBool.FalseInstance;

    public abstract JKind Kind { get; }

    /// <summary>
    /// The size in UTF-8 bytes of this value's compact JSON text (what AWS's 256 KiB payload limit
    /// counts). Containers and strings cache it, so after a structural-sharing update only the new
    /// nodes are measured.
    /// </summary>
    public virtual int Utf8Size => System.Text.Encoding.UTF8.GetByteCount(ToString());

    public bool IsNull => Kind == JKind.Null;

    public bool IsBool => Kind is JKind.True or JKind.False;

    public bool IsNumber => Kind == JKind.Number;

    public bool IsString => Kind == JKind.String;

    public bool IsArray => Kind == JKind.Array;

    public bool IsObject => Kind == JKind.Object;

    public static JBool FromBool(bool value) => value ? JBool.TrueInstance : JBool.FalseInstance;

    public static JString FromString(string value) => JString.Create(value);

    public static JNumber FromNumber(double value) => JNumber.Create(value);

    public static JNumber FromNumber(long value) => JNumber.Create(value);

    /// <summary>Parses JSON text; throws <see cref="JsonTextException"/> when it is not JSON.</summary>
    public static JValue Parse(string text) => JsonText.Parse(text);

    public bool TryGetString([NotNullWhen(true)] out string? value)
    {
        value = (this as JString)?.Value;
        return value is not null;
    }

    /// <summary>Compact JSON text, as AWS prints payloads.</summary>
    public override string ToString() => JsonText.Serialize(this);

    public string ToJson(bool indented = false) => JsonText.Serialize(this, indented);

    /// <summary>Deep equality: object key order is ignored, numbers compare by value.</summary>
    public abstract bool Equals(JValue? other);

    public sealed override bool Equals(object? obj) => obj is JValue other && Equals(other);

    public abstract override int GetHashCode();

    /// <summary>The name AWS uses for this value's type in error messages ("string", "number", …).</summary>
    public string TypeName => Kind switch
    {
        JKind.Null => "null",
        JKind.False or JKind.True => "boolean",
        JKind.Number => "number",
        JKind.String => "string",
        JKind.Array => "array",
        _ => "object",
    };
}
