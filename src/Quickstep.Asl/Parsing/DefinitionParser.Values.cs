using Quickstep.Asl.Compilation;
using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Model;
using Quickstep.Asl.Paths;
using Quickstep.Asl.Validation;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>Typed field readers and the syntax checks for paths, payload templates, intrinsics and JSONata.</summary>
internal sealed partial class DefinitionParser
{
    /// <summary>True for a JSONata expression string: "{%" … "%}" with nothing around (ASL spec, JSONata).</summary>
    internal static bool IsJsonataExpression(string s) =>
        s.Length >= 4 && s.StartsWith("{%", StringComparison.Ordinal) && s.EndsWith("%}", StringComparison.Ordinal);

    /// <summary>
    /// An optional field that must hold a <typeparamref name="T"/>: null when absent, and null with an InvalidType
    /// diagnostic ("The field 'X' must be {what}.") when it holds another type.
    /// </summary>
    private T? ReadTyped<T>(JValue? value, string pointer, string field, string what)
        where T : JValue
    {
        if (value is null or T)
            return (T?)value;
        Report(DiagnosticCodes.InvalidType, JsonPointer.Append(pointer, field), $"The field '{field}' must be {what}.");
        return null;
    }

    /// <summary>A required field that must hold a <typeparamref name="T"/>: null with a MissingField or InvalidType diagnostic otherwise.</summary>
    private T? ReadRequired<T>(JValue? value, string pointer, string field, string what)
        where T : JValue
    {
        if (value is not null)
            return ReadTyped<T>(value, pointer, field, what);
        Report(DiagnosticCodes.MissingField, pointer, $"These fields are required: [{field}]");
        return null;
    }

    private string? ReadString(JObject obj, string pointer, string field) =>
        ReadTyped<JString>(obj[field], pointer, field, "a string")?.Value;

    private string? ReadEnum(JObject obj, string pointer, string field, params string[] values)
    {
        var s = ReadString(obj, pointer, field);
        if (s is null || Array.IndexOf(values, s) >= 0)
            return s;
        Report(DiagnosticCodes.InvalidValue, JsonPointer.Append(pointer, field), $"The field '{field}' must be one of [{string.Join(", ", values)}], not \"{s}\".");
        return null;
    }

    /// <summary>An integer literal within [min, max]; null when absent or bad (reported).</summary>
    private int? ReadIntLiteral(JObject obj, string pointer, string field, long min, long max)
    {
        if (ReadTyped<JNumber>(obj[field], pointer, field, "an integer") is not { } n)
            return null;
        return CheckIntegerRange(n, JsonPointer.Append(pointer, field), field, min, max) ? (int)n.Value : null;
    }

    private bool CheckIntegerRange(JNumber n, string pointer, string field, long min, long max)
    {
        if (!n.IsIntegral)
        {
            Report(DiagnosticCodes.OutOfRange, pointer, $"The field '{field}' must be an integer, not {n.ToJsonText()}.");
            return false;
        }

        if (n.Value < min || n.Value > max)
        {
            Report(DiagnosticCodes.OutOfRange, pointer, $"The field '{field}' must be between {min} and {max}, not {n.ToJsonText()}.");
            return false;
        }

        return true;
    }

    /// <summary>An integer within [min, max], or in a JSONata state a "{% %}" expression. Returns the value as written when usable.</summary>
    private JValue? ReadIntegerOrExpression(in StateContext c, string field, long min, long max)
    {
        var value = c.Get(field);
        if (value is null)
            return null;
        var p = c.PointerTo(field);
        switch (value)
        {
            case JNumber n:
                return CheckIntegerRange(n, p, field, min, max) ? n : null;
            case JString s when c.IsJsonata && IsJsonataExpression(s.Value):
                CheckJsonataString(s.Value, p);
                return s;
            default:
                Report(DiagnosticCodes.InvalidType, p, c.IsJsonata
                    ? $"The field '{field}' must be an integer or a JSONata expression."
                    : $"The field '{field}' must be an integer.");
                return null;
        }
    }

    /// <summary>InputPath/OutputPath/ResultPath: a path string or JSON null.</summary>
    private JValue? ReadPathOrNull(in StateContext c, string field, PathKind kind) =>
        ReadPathOrNull(c.Get(field), c.PointerTo(field), field, kind);

    private JValue? ReadPathOrNull(JValue? value, string pointer, string field, PathKind kind)
    {
        switch (value)
        {
            case null:
                return null;
            case JNull:
                return value;
            case JString s:
                CheckPath(s.Value, pointer, field, kind);
                return s;
            default:
                Report(DiagnosticCodes.InvalidType, pointer, $"The field '{field}' must be a string (a path) or null.");
                return null;
        }
    }

    /// <summary>A "…Path" field (SecondsPath, ItemsPath, …): a reference path, or for ErrorPath/CausePath also an intrinsic call.</summary>
    private string? ReadReferencePath(in StateContext c, string field, bool allowIntrinsic = false)
    {
        if (ReadTyped<JString>(c.Get(field), c.Pointer, field, "a string (a reference path)") is not { } s)
            return null;
        var p = c.PointerTo(field);
        if (allowIntrinsic && IntrinsicFunction.IsIntrinsic(s.Value))
            CheckIntrinsic(s.Value, p, field);
        else
            CheckPath(s.Value, p, field, PathKind.Reference);
        return s.Value;
    }

    private void CheckPath(string text, string pointer, string field, PathKind kind)
    {
        if (text.Length == 0 || text[0] != '$')
        {
            Report(DiagnosticCodes.InvalidPath, pointer, $"The value for the field '{field}' must be a valid JSONPath: '{text}'");
            return;
        }

        // ASL spec: ResultPath may not start with "$$" nor name a variable.
        if (kind == PathKind.Result && (text.StartsWith("$$", StringComparison.Ordinal) || IsVariableReference(text)))
        {
            Report(DiagnosticCodes.InvalidReferencePath, pointer, $"The value for the field '{field}' must be a reference path on the state input (no '$$', no variables): '{text}'");
            return;
        }

        if (!_expressions.TryGetPath(text, out var path))
        {
            if (!SyntaxChecks.CheckPath(text, out var parsed, out var error))
            {
                Report(DiagnosticCodes.InvalidPath, pointer, $"The value for the field '{field}' must be a valid JSONPath: '{text}' ({error})");
                return;
            }

            path = parsed!;
            _expressions.AddPath(text, pointer, path);
        }

        if (kind == PathKind.Path)
            return;
        if (!path.IsReferencePath)
            Report(DiagnosticCodes.InvalidReferencePath, pointer, $"The value for the field '{field}' must be a valid reference path: '{text}'");
        else if (kind == PathKind.Result && path.Root != PathRoot.Input)
            Report(DiagnosticCodes.InvalidReferencePath, pointer, $"The value for the field '{field}' must be a reference path on the state input (no '$$', no variables): '{text}'");
    }

    private static bool IsVariableReference(string text) =>
        text.Length > 1 && text[1] != '.' && text[1] != '[' && text[1] != '$';

    private void CheckIntrinsic(string text, string pointer, string field)
    {
        if (_expressions.ContainsIntrinsic(text))
            return;
        if (SyntaxChecks.CheckIntrinsic(text, out var call, out _))
        {
            _expressions.AddIntrinsic(text, pointer, call!);
            return;
        }

        // AWS reports a bad ".$" value at the template object, without detail
        // (recorded: scenarios/test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION]).
        var at = field.EndsWith(".$", StringComparison.Ordinal) ? pointer[..pointer.LastIndexOf('/')] : pointer;
        Report(DiagnosticCodes.InvalidIntrinsicFunction, at, $"The value for the field '{field}' must be a valid JSONPath or a valid intrinsic function call");
    }

    private void CheckJsonataString(string text, string pointer)
    {
        if (_expressions.ContainsJsonata(text))
            return;

        // Parsed trimmed: AWS quotes the expression that way in causes ('$x', not ' $x ').
        if (SyntaxChecks.CheckJsonata(JsonataTemplate.ExpressionBody(text), out var expression, out var error))
            _expressions.AddJsonata(text, pointer, expression!);
        else
            Report(DiagnosticCodes.InvalidJsonata, pointer, $"The JSONata expression '{text}' is not valid: {error}");
    }

    /// <summary>A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Credentials, Assign): checks ".$" values and duplicate keys.</summary>
    private JValue? ReadTemplate(JValue? value, string pointer)
    {
        if (value is not null)
            CheckTemplate(value, pointer);
        return value;
    }

    private void CheckTemplate(JValue value, string pointer)
    {
        if (value is JArray array)
        {
            for (var i = 0; i < array.Count; i++)
                CheckTemplate(array[i], JsonPointer.Append(pointer, i));
            return;
        }

        if (value is not JObject obj)
            return;
        HashSet<string>? seen = obj.Count > 1 ? new(StringComparer.Ordinal) : null;
        foreach (var (key, item) in obj)
        {
            var p = JsonPointer.Append(pointer, key);
            string name;
            if (key.Length > 2 && key.EndsWith(".$", StringComparison.Ordinal))
            {
                name = key[..^2];
                CheckTemplateExpression(item, p, key);
            }
            else
            {
                name = key;
                CheckTemplate(item, p);
            }

            if (seen is not null && !seen.Add(name))
                Report(DiagnosticCodes.DuplicateTemplateKey, p, $"The field '{key}' duplicates the field '{name}' once '.$' is removed.");
        }
    }

    private void CheckTemplateExpression(JValue value, string pointer, string key)
    {
        if (value is not JString s)
        {
            Report(DiagnosticCodes.InvalidType, pointer, $"The value for the field '{key}' must be a string: a valid JSONPath or a valid intrinsic function call");
            return;
        }

        if (s.Value.StartsWith('$'))
            CheckPath(s.Value, pointer, key, PathKind.Path);
        else if (IntrinsicFunction.IsIntrinsic(s.Value))
            CheckIntrinsic(s.Value, pointer, key);
        else
            Report(DiagnosticCodes.InvalidTemplateValue, pointer, $"The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call");
    }

    /// <summary>Checks every "{% %}" string inside a JSONata-accepting value (objects and arrays are walked).</summary>
    private JValue? ReadJsonataValue(JValue? value, string pointer)
    {
        if (value is not null)
            CheckJsonataValue(value, pointer);
        return value;
    }

    private void CheckJsonataValue(JValue value, string pointer)
    {
        switch (value)
        {
            case JString s when IsJsonataExpression(s.Value):
                CheckJsonataString(s.Value, pointer);
                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                    CheckJsonataValue(array[i], JsonPointer.Append(pointer, i));
                break;
            case JObject obj:
                foreach (var (key, item) in obj)
                    CheckJsonataValue(item, JsonPointer.Append(pointer, key));
                break;
        }
    }

    /// <summary>JSONata fields that take an object or one expression (Arguments, Credentials, Items takes an array too).</summary>
    private JValue? ReadJsonataObjectOrExpression(JValue? value, string pointer, string field, bool allowArray = false)
    {
        if (value is null)
            return null;
        if (value is JObject || (allowArray && value is JArray) || (value is JString s && IsJsonataExpression(s.Value)))
            return ReadJsonataValue(value, pointer);
        Report(DiagnosticCodes.InvalidType, pointer, allowArray
            ? $"The field '{field}' must be an array, an object or a JSONata expression."
            : $"The field '{field}' must be an object or a JSONata expression.");
        return null;
    }

    /// <summary>Assign: an object whose keys are variable names (JSONPath: optionally with ".$").</summary>
    private JValue? ReadAssign(JValue? value, string pointer, QueryLanguage language)
    {
        if (value is null)
            return null;
        if (value is not JObject obj)
        {
            Report(DiagnosticCodes.InvalidType, pointer, "The field 'Assign' must be an object.");
            return null;
        }

        foreach (var (key, _) in obj)
        {
            var name = language == QueryLanguage.JSONPath && key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            var problem = VariableNames.Check(name);
            if (problem is not null)
                Report(DiagnosticCodes.InvalidVariableName, JsonPointer.Append(pointer, key), problem);
        }

        return language == QueryLanguage.JSONPath ? ReadTemplate(obj, pointer) : ReadJsonataValue(obj, pointer);
    }

    /// <summary>Reports when more than one of <paramref name="fields"/> is present.</summary>
    private void CheckExclusive(in StateContext c, params ReadOnlySpan<string> fields)
    {
        var present = 0;
        foreach (var f in fields)
        {
            if (c.Has(f))
                present++;
        }

        if (present > 1)
            Report(DiagnosticCodes.MutuallyExclusiveFields, c.Pointer, $"Only one of the fields [{string.Join(", ", fields.ToArray())}] may be present.");
    }

    /// <summary>A state's required non-empty array (Choices, Branches); null, with a diagnostic, when it is missing, not an array or empty.</summary>
    private JArray? ReadRequiredArray(in StateContext c, string field, string emptyMessage)
    {
        if (ReadRequired<JArray>(c.Get(field), c.Pointer, field, "an array") is not { } array)
            return null;
        if (array.Count == 0)
        {
            Report(DiagnosticCodes.EmptyArray, c.PointerTo(field), emptyMessage);
            return null;
        }

        return array;
    }
}
