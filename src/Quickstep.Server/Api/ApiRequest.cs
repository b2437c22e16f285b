using System.Text.Json;

namespace Quickstep.Server.Api;

/// <summary>
/// Typed access to a request body's members. A member of the wrong JSON type raises SerializationException
/// (the body cannot be read into the operation's input, as AWS JSON services answer); a bound raises ValidationException.
/// </summary>
internal sealed class ApiRequest
{
    private readonly JsonElement _root;

    public ApiRequest(JsonElement root) => _root = root;

    public JsonElement Root => _root;

    public string? String(string name, int maxLength = int.MaxValue, int minLength = 0) => StringOf(_root, name, maxLength, minLength);

    public string RequiredString(string name, int maxLength = int.MaxValue, int minLength = 1)
    {
        var s = String(name, maxLength, minLength);
        if (s is null)
            ApiErrors.Missing(name);
        return s;
    }

    public bool? Bool(string name)
    {
        if (!Present(_root, name, out var v))
            return null;
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            WrongType(v, "a Boolean");
        return v.GetBoolean();
    }

    public int? Int(string name, int min, int max)
    {
        if (!Present(_root, name, out var v))
            return null;
        long n = 0;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out n))
            WrongType(v, "an Integer");
        if (n > max)
            ApiErrors.Validation($"1 validation error detected: Value '{n}' at '{name}' failed to satisfy constraint: Member must have value less than or equal to {max}");
        if (n < min)
            ApiErrors.Validation($"1 validation error detected: Value '{n}' at '{name}' failed to satisfy constraint: Member must have value greater than or equal to {min}");
        return (int)n;
    }

    public JsonElement? Object(string name) => ObjectOf(_root, name);

    public JsonElement? Array(string name) => ArrayOf(_root, name);

    /// <summary>An enum member: one of <paramref name="allowed"/>, or null when absent.</summary>
    public string? Enum(string name, params string[] allowed)
    {
        var s = String(name);
        if (s is not null && System.Array.IndexOf(allowed, s) < 0)
            ApiErrors.Validation($"1 validation error detected: Value '{Clip(s)}' at '{name}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        return s;
    }

    public static string? StringOf(JsonElement obj, string name, int maxLength = int.MaxValue, int minLength = 0)
    {
        if (!Present(obj, name, out var v))
            return null;
        if (v.ValueKind != JsonValueKind.String)
            WrongType(v, "a String");
        var s = v.GetString()!;
        if (s.Length > maxLength)
            ApiErrors.Validation($"1 validation error detected: Value at '{name}' failed to satisfy constraint: Member must have length less than or equal to {maxLength}");
        if (s.Length < minLength)
            ApiErrors.Validation($"1 validation error detected: Value '{s}' at '{name}' failed to satisfy constraint: Member must have length greater than or equal to {minLength}");
        return s;
    }

    public static JsonElement? ObjectOf(JsonElement obj, string name) => Of(obj, name, JsonValueKind.Object, "a structure");

    public static JsonElement? ArrayOf(JsonElement obj, string name) => Of(obj, name, JsonValueKind.Array, "a list");

    /// <summary>The member <paramref name="name"/> when it is a <paramref name="kind"/>; null when absent; a SerializationException naming <paramref name="expected"/> otherwise.</summary>
    private static JsonElement? Of(JsonElement obj, string name, JsonValueKind kind, string expected)
    {
        if (!Present(obj, name, out var v))
            return null;
        if (v.ValueKind != kind)
            WrongType(v, expected);
        return v;
    }

    /// <summary>SerializationException with the JSON token AWS's deserializer names (e.g. "NUMBER_VALUE can not be converted to a String").</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void WrongType(JsonElement value, string expected)
    {
        var found = value.ValueKind switch
        {
            JsonValueKind.String => "STRING_VALUE",
            JsonValueKind.Number => "NUMBER_VALUE",
            JsonValueKind.True or JsonValueKind.False => "BOOLEAN_VALUE",
            JsonValueKind.Object => "START_OBJECT",
            _ => "START_ARRAY",
        };
        throw new ApiException("SerializationException", $"{found} can not be converted to {expected}");
    }

    private static bool Present(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string Clip(string s) => s.Length > 100 ? s[..100] + "…" : s;
}
