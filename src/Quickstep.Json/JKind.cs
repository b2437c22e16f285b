namespace Quickstep.Json;

/// <summary>The JSON type of a <see cref="JValue"/>.</summary>
public enum JKind : byte
{
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}
