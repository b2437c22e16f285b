using System.Globalization;
using System.Text;
using Quickstep.Asl.Intrinsics.Functions;
using Quickstep.Asl.Parsing;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// Parses <c>States.Name(arg, …)</c> once into compiled nodes. Arguments: <c>'string'</c> with the escapes
/// <c>\'</c> <c>\{</c> <c>\}</c> <c>\\</c> (any other backslash is invalid, as AWS refuses <c>\"</c>: conformance
/// case scenarios/test_illegal_escapes), numbers, <c>true</c>/<c>false</c>/<c>null</c>, paths and nested calls.
/// </summary>
internal sealed class IntrinsicParser
{
    /// <summary>AWS allows calls nested up to 10 deep (AWS developer guide, intrinsic functions).</summary>
    public const int MaxDepth = 10;

    private readonly string _text;
    private int _pos;

    private IntrinsicParser(string text) => _text = text;

    public static IntrinsicExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ParseTrace<IntrinsicParser>.Add(text);
        var parser = new IntrinsicParser(text);
        var call = parser.ParseCall(1);
        parser.SkipSpaces();
        if (parser._pos < text.Length)
            throw parser.Error($"unexpected '{text[parser._pos..]}' after the call");
        return call;
    }

    private IntrinsicSyntaxException Error(string what) => new($"Invalid intrinsic function call '{_text}': {what} (at position {_pos}).");

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private IntrinsicCall ParseCall(int depth)
    {
        if (depth > MaxDepth)
            throw Error($"intrinsic functions may be nested at most {MaxDepth} deep");
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '.' or '_'))
            _pos++;
        var name = _text[start.._pos];
        if (!name.StartsWith("States.", StringComparison.Ordinal))
            throw Error("expected a function name starting with 'States.'");
        if (Peek() != '(')
            throw Error($"expected '(' after {name}");
        _pos++;
        var args = new List<IntrinsicArgument>();
        SkipSpaces();
        if (Peek() == ')')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                SkipSpaces();
                args.Add(ParseArgument(depth));
                SkipSpaces();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                if (Peek() == ')')
                {
                    _pos++;
                    break;
                }

                throw _pos >= _text.Length ? Error("missing ')'") : Error($"expected ',' or ')' but found '{_text[_pos]}'");
            }
        }

        return Create(name, _text[start.._pos], [.. args]);
    }

    private IntrinsicArgument ParseArgument(int depth)
    {
        var c = Peek();
        if (c == '\'')
            return ParseString();
        if (c == '$')
            return ParsePath();
        if (c == '-' || char.IsAsciiDigit(c))
            return ParseNumber();
        if (TryKeyword("true"))
            return new LiteralArgument(JValue.True, "true", null);
        if (TryKeyword("false"))
            return new LiteralArgument(JValue.False, "false", null);
        if (TryKeyword("null"))
            return new LiteralArgument(JValue.Null, "null", null);
        if (string.CompareOrdinal(_text, _pos, "States.", 0, 7) == 0)
            return ParseCall(depth + 1);
        throw _pos >= _text.Length ? Error("missing an argument") : Error($"unexpected '{c}' where an argument was expected");
    }

    private bool TryKeyword(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            return false;
        var after = _pos + word.Length;
        if (after < _text.Length && (char.IsLetterOrDigit(_text[after]) || _text[after] is '_' or '.'))
            return false;
        _pos = after;
        return true;
    }

    private LiteralArgument ParseString()
    {
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        List<int>? placeholders = null;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\'')
            {
                _pos++;
                return new LiteralArgument(JString.Create(sb.ToString()), _text[start.._pos], placeholders?.ToArray());
            }

            if (c == '\\')
            {
                var e = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
                if (e is not ('\'' or '{' or '}' or '\\'))
                    throw Error(e == '\0' ? "a string ends with a lone '\\'" : $"invalid escape '\\{e}' in a string (only \\' \\{{ \\}} \\\\ are allowed)");
                sb.Append(e);
                _pos += 2;
                continue;
            }

            if (c == '{' && _pos + 1 < _text.Length && _text[_pos + 1] == '}')
            {
                (placeholders ??= []).Add(sb.Length);
                sb.Append("{}");
                _pos += 2;
                continue;
            }

            sb.Append(c);
            _pos++;
        }

        throw Error("unterminated string literal");
    }

    private LiteralArgument ParseNumber()
    {
        var s = NumberToken.Scan(_text, ref _pos);
        if (!IsJsonNumber(s) || !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Error($"'{s}' is not a number");
        return new LiteralArgument(JNumber.FromText(s, value), s, null);
    }

    private static bool IsJsonNumber(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
            i++;
        if (!SkipDigits(s, ref i))
            return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (!SkipDigits(s, ref i))
                return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
                i++;
            if (!SkipDigits(s, ref i))
                return false;
        }

        return i == s.Length;
    }

    /// <summary>Moves past a run of ASCII digits; false when there is none (JSON wants at least one in each part).</summary>
    private static bool SkipDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
            i++;
        return i > start;
    }

    /// <summary>A path runs to the next ',' or ')' outside brackets and quotes.</summary>
    private PathArgument ParsePath()
    {
        var start = _pos;
        var depth = 0;
        var quote = '\0';
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (quote != '\0')
            {
                if (c == '\\')
                    _pos++;
                else if (c == quote)
                    quote = '\0';
            }
            else if (depth > 0 && c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0 && c is ',' or ')')
            {
                break;
            }

            _pos++;
        }

        var text = _text[start.._pos].TrimEnd();
        try
        {
            return new PathArgument(JsonPath.Parse(text));
        }
        catch (JsonPathSyntaxException e)
        {
            throw new IntrinsicSyntaxException($"Invalid intrinsic function call '{_text}': {e.Message}", e);
        }
    }

    private static IntrinsicCall Create(string name, string text, IntrinsicArgument[] args) => name switch
    {
        "States.Format" => new FormatFunction(text, args),
        "States.StringToJson" => new StringToJsonFunction(text, args),
        "States.JsonToString" => new JsonToStringFunction(text, args),
        "States.Array" => new ArrayFunction(text, args),
        "States.ArrayPartition" => new ArrayPartitionFunction(text, args),
        "States.ArrayContains" => new ArrayContainsFunction(text, args),
        "States.ArrayRange" => new ArrayRangeFunction(text, args),
        "States.ArrayGetItem" => new ArrayGetItemFunction(text, args),
        "States.ArrayLength" => new ArrayLengthFunction(text, args),
        "States.ArrayUnique" => new ArrayUniqueFunction(text, args),
        "States.Base64Encode" => new Base64EncodeFunction(text, args),
        "States.Base64Decode" => new Base64DecodeFunction(text, args),
        "States.Hash" => new HashFunction(text, args),
        "States.JsonMerge" => new JsonMergeFunction(text, args),
        "States.MathRandom" => new MathRandomFunction(text, args),
        "States.MathAdd" => new MathAddFunction(text, args),
        "States.StringSplit" => new StringSplitFunction(text, args),
        "States.UUID" => new UuidFunction(text, args),
        _ => throw new IntrinsicSyntaxException($"Invalid intrinsic function call '{text}': unknown function '{name}'."),
    };
}
