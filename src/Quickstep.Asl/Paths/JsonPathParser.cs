using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Asl.Parsing;
using Quickstep.Asl.Paths.Filters;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary>
/// Parses ASL paths (Jayway JsonPath syntax) once, at plan compile time, into segment arrays.
/// Dot names take <c>\x</c> escapes (ASL spec: <c>$.store\.book</c>); bracket names keep their text as
/// written, a backslash only shielding the next character from ending the name (recorded AWS behaviour:
/// conformance case scenarios/test_escape_sequence_parsing ESCAPE_SEQUENCES_JSONPATH).
/// </summary>
internal sealed class JsonPathParser
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The deepest nesting of filter expressions (parentheses, '!', sub-paths with filters): parsing and evaluating recurse.</summary>
    public const int MaxFilterDepth = 100;

    private readonly string _text;
    private int _pos;
    private int _filterDepth;

    private JsonPathParser(string text, int pos)
    {
        _text = text;
        _pos = pos;
    }

    public static JsonPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ParseTrace<JsonPathParser>.Add(text);
        if (text.Length == 0 || text[0] != '$')
            throw new JsonPathSyntaxException($"Invalid path '{text}': a path must start with '$'.");
        var parser = new JsonPathParser(text, 1);
        var root = PathRoot.Input;
        string? variable = null;
        if (parser.Peek() == '$')
        {
            root = PathRoot.Context;
            parser._pos++;
        }
        else if (parser._pos < text.Length && IsIdentifierStart(text[parser._pos]))
        {
            root = PathRoot.Variable;
            var start = parser._pos;
            while (parser._pos < text.Length && IsIdentifierPart(text[parser._pos]))
                parser._pos++;
            variable = text[start..parser._pos];
        }

        var path = parser.ParseSegments(text, root, variable, inFilter: false);
        if (parser._pos < text.Length)
            throw parser.Error($"unexpected character '{text[parser._pos]}'");
        return path;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private JsonPathSyntaxException Error(string what) =>
        new($"Invalid path '{_text}': {what} at position {_pos}.");

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
            throw _pos >= _text.Length ? Error($"expected '{c}' but the path ended") : Error($"expected '{c}' but found '{_text[_pos]}'");
        _pos++;
    }

    /// <summary>Reads steps until the end (top level) or the first character that cannot continue a path (in a filter).</summary>
    private JsonPath ParseSegments(string text, PathRoot root, string? variable, bool inFilter)
    {
        var start = _pos;
        var segments = new List<PathSegment>();
        var function = false;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (function)
            {
                if (inFilter)
                    break;
                throw Error("a function must be the last step of a path");
            }

            if (c == '.')
            {
                if (PeekAt(1) == '.')
                {
                    _pos += 2;
                    if (_pos >= _text.Length)
                        throw Error("a path must not end with '..'");
                    var inner = Peek() switch
                    {
                        '[' => ParseBracket(),
                        '*' => ConsumeWildcard(),
                        _ => new NameSegment(ReadDotName(inFilter)),
                    };
                    segments.Add(new DescendantSegment(inner));
                    continue;
                }

                _pos++;
                if (_pos >= _text.Length)
                    throw Error("a path must not end with '.'");
                if (Peek() == '*')
                {
                    segments.Add(ConsumeWildcard());
                    continue;
                }

                // Jayway reads any token after a dot, a bracket too: $.[0] is $[0] (PathCompiler.readDotToken).
                if (Peek() == '[')
                {
                    segments.Add(ParseBracket());
                    continue;
                }

                var name = ReadDotName(inFilter);
                if (Peek() == '(')
                {
                    if (!string.Equals(name, "length", StringComparison.Ordinal))
                        throw Error($"the function '{name}()' is not supported (only length())");
                    _pos++;
                    SkipSpaces();
                    Expect(')');
                    function = true;
                    continue;
                }

                segments.Add(new NameSegment(name));
            }
            else if (c == '[')
            {
                segments.Add(ParseBracket());
            }
            else if (inFilter)
            {
                break;
            }
            else
            {
                throw Error($"unexpected character '{c}'");
            }
        }

        // Jayway merges a name union into one object only when it is the last step.
        if (segments.Count > 0 && segments[^1] is NameUnionSegment union && !function)
            segments[^1] = union.AsLeaf();

        var pathText = inFilter ? text[..1] + _text[start.._pos] : text;
        return JsonPath.Create(pathText, root, variable, [.. segments], function);
    }

    private WildcardSegment ConsumeWildcard()
    {
        _pos++;
        return WildcardSegment.Instance;
    }

    private string ReadDotName(bool inFilter)
    {
        StringBuilder? escaped = null;
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is '.' or '[' or '(')
                break;
            if (char.IsWhiteSpace(c))
            {
                if (inFilter)
                    break;
                throw Error("use bracket notation ['my prop'] for a name with blank characters");
            }

            if (inFilter && c is ')' or '=' or '!' or '<' or '>' or '&' or '|' or ',' or ']' or '~')
                break;
            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                    throw Error("a path must not end with '\\'");
                escaped ??= new StringBuilder();
                escaped.Append(_text, start, _pos - start).Append(_text[_pos + 1]);
                _pos += 2;
                start = _pos;
                continue;
            }

            _pos++;
        }

        string name;
        if (escaped is null)
        {
            name = _text[start.._pos];
        }
        else
        {
            escaped.Append(_text, start, _pos - start);
            name = escaped.ToString();
        }

        if (name.Length == 0)
            throw Error("expected a property name");
        return name;
    }

    private PathSegment ParseBracket()
    {
        Expect('[');
        SkipSpaces();
        var c = Peek();
        PathSegment segment;
        if (c == '?')
        {
            _pos++;
            SkipSpaces();
            Expect('(');
            var expression = ParseOr();
            SkipSpaces();
            Expect(')');
            segment = new FilterSegment(expression);
        }
        else if (c == '*')
        {
            _pos++;
            segment = WildcardSegment.Instance;
        }
        else if (c is '\'' or '"')
        {
            var names = new List<string>();
            while (true)
            {
                names.Add(ReadBracketName());
                SkipSpaces();
                if (Peek() != ',')
                    break;
                _pos++;
                SkipSpaces();
                if (Peek() is not ('\'' or '"'))
                    throw Error("expected a quoted name after ','");
            }

            if (names.Count == 1)
            {
                segment = new NameSegment(names[0]);
            }
            else
            {
                segment = new NameUnionSegment([.. names], isLeaf: false);
            }
        }
        else if (c is '-' or ':' || char.IsAsciiDigit(c))
        {
            segment = ParseIndexes();
        }
        else if (_pos >= _text.Length)
        {
            throw Error("unterminated '['");
        }
        else
        {
            throw Error($"unexpected character '{c}' in brackets");
        }

        SkipSpaces();
        Expect(']');
        return segment;
    }

    private string ReadBracketName()
    {
        var quote = _text[_pos++];
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\\')
            {
                _pos += 2;
                continue;
            }

            if (c == quote)
            {
                var name = _text[start.._pos];
                _pos++;
                return name;
            }

            _pos++;
        }

        throw Error("unterminated quoted name");
    }

    private PathSegment ParseIndexes()
    {
        var first = ReadOptionalInt();
        SkipSpaces();
        if (Peek() == ':')
        {
            _pos++;
            SkipSpaces();
            var end = ReadOptionalInt();
            SkipSpaces();
            int? step = null;
            if (Peek() == ':')
            {
                _pos++;
                SkipSpaces();
                step = ReadOptionalInt();
                if (step == 0)
                    throw Error("a slice step must not be 0");
            }

            return new SliceSegment(first, end, step);
        }

        if (first is not int index)
            throw Error("expected an index");
        if (Peek() != ',')
            return new IndexSegment(index);
        var indexes = new List<int> { index };
        while (Peek() == ',')
        {
            _pos++;
            SkipSpaces();
            indexes.Add(ReadOptionalInt() ?? throw Error("expected an index after ','"));
            SkipSpaces();
        }

        return new IndexUnionSegment([.. indexes]);
    }

    private int? ReadOptionalInt()
    {
        var start = _pos;
        if (Peek() == '-')
            _pos++;
        while (char.IsAsciiDigit(Peek()))
            _pos++;
        if (_pos == start)
            return null;
        if (!int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error("expected an index");
        return value;
    }

    // ---- filter expressions: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | primary

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        while (true)
        {
            SkipSpaces();
            if (Peek() != '|' || PeekAt(1) != '|')
                return left;
            _pos += 2;
            left = new OrExpression(left, ParseAnd());
        }
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpaces();
            if (Peek() != '&' || PeekAt(1) != '&')
                return left;
            _pos += 2;
            left = new AndExpression(left, ParseUnary());
        }
    }

    private FilterExpression ParseUnary()
    {
        // A definition may hold a path of a million '(' or '!': a clear error instead of a stack overflow.
        if (++_filterDepth > MaxFilterDepth)
            throw Error($"filter expressions may be nested at most {MaxFilterDepth} deep");
        try
        {
            return ParseUnaryCore();
        }
        finally
        {
            _filterDepth--;
        }
    }

    private FilterExpression ParseUnaryCore()
    {
        SkipSpaces();
        if (Peek() == '!' && PeekAt(1) != '=')
        {
            _pos++;
            return new NotExpression(ParseUnary());
        }

        if (Peek() == '(')
        {
            _pos++;
            var inner = ParseOr();
            SkipSpaces();
            Expect(')');
            return inner;
        }

        var left = ParseOperand();
        SkipSpaces();
        if (TryReadOperator() is not FilterOperator op)
        {
            return left switch
            {
                PathOperand => new ExistsExpression(left),
                LiteralOperand { Value: JBool b } => new ConstantExpression(b.Value),
                _ => throw Error("expected a comparison operator"),
            };
        }

        SkipSpaces();
        var right = ParseOperand();
        if (op == FilterOperator.Matches && right is not RegexOperand)
            throw Error("'=~' needs a /regex/ on its right");
        return new ComparisonExpression(left, op, right);
    }

    private FilterOperator? TryReadOperator()
    {
        var c = Peek();
        (FilterOperator Op, int Length)? symbol = (c, PeekAt(1)) switch
        {
            ('=', '=') => (FilterOperator.Equal, 2),
            ('=', '~') => (FilterOperator.Matches, 2),
            ('!', '=') => (FilterOperator.NotEqual, 2),
            ('<', '=') => (FilterOperator.LessOrEqual, 2),
            ('<', _) => (FilterOperator.Less, 1),
            ('>', '=') => (FilterOperator.GreaterOrEqual, 2),
            ('>', _) => (FilterOperator.Greater, 1),
            _ => null,
        };
        if (symbol is { } s)
        {
            _pos += s.Length;
            return s.Op;
        }

        if (!char.IsAsciiLetter(c))
            return null;
        var start = _pos;
        var end = _pos;
        while (end < _text.Length && char.IsAsciiLetter(_text[end]))
            end++;
        FilterOperator? op = _text.AsSpan(start, end - start) switch
        {
            "in" => FilterOperator.In,
            "nin" => FilterOperator.NotIn,
            "subsetof" => FilterOperator.SubsetOf,
            "anyof" => FilterOperator.AnyOf,
            "noneof" => FilterOperator.NoneOf,
            "size" => FilterOperator.Size,
            "empty" => FilterOperator.Empty,
            "contains" => FilterOperator.Contains,
            _ => null,
        };
        if (op is null)
            throw Error($"unknown operator '{_text[start..end]}'");
        _pos = end;
        return op;
    }

    private FilterOperand ParseOperand()
    {
        SkipSpaces();
        var c = Peek();
        switch (c)
        {
            case '@':
            case '$':
                {
                    var fromRoot = c == '$';
                    _pos++;
                    var sub = ParseSegments(fromRoot ? "$" : "@", PathRoot.Input, null, inFilter: true);
                    return new PathOperand(sub, fromRoot);
                }

            case '\'':
            case '"':
                return new LiteralOperand(JString.Create(ReadStringLiteral()));
            case '[':
                return new LiteralOperand(ReadArrayLiteral());
            case '{':
                return new LiteralOperand(ReadObjectLiteral());
            case '/':
                return ReadRegex();
        }

        if (c == '-' || char.IsAsciiDigit(c))
            return new LiteralOperand(ReadNumber());
        if (TryKeyword("true"))
            return new LiteralOperand(JValue.True);
        if (TryKeyword("false"))
            return new LiteralOperand(JValue.False);
        if (TryKeyword("null"))
            return new LiteralOperand(JValue.Null);
        throw _pos >= _text.Length ? Error("the filter is incomplete") : Error($"unexpected character '{c}' in a filter");
    }

    private bool TryKeyword(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            return false;
        var after = _pos + word.Length;
        if (after < _text.Length && char.IsLetterOrDigit(_text[after]))
            return false;
        _pos = after;
        return true;
    }

    private string ReadStringLiteral()
    {
        var quote = _text[_pos++];
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == quote)
                return sb.ToString();
            if (c == '\\' && _pos < _text.Length)
            {
                var e = _text[_pos++];
                sb.Append(e switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\b',
                    'f' => '\f',
                    _ => e,
                });
                continue;
            }

            sb.Append(c);
        }

        throw Error("unterminated string literal");
    }

    private JNumber ReadNumber()
    {
        var s = NumberToken.Scan(_text, ref _pos);
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw Error($"'{s}' is not a number");
        return JNumber.FromText(s, value);
    }

    private JArray ReadArrayLiteral()
    {
        _pos++;
        var items = new List<JValue>();
        SkipSpaces();
        if (Peek() == ']')
        {
            _pos++;
            return JArray.Empty;
        }

        while (true)
        {
            var operand = ParseOperand();
            if (operand is not LiteralOperand literal)
                throw Error("an array literal may hold only literals");
            items.Add(literal.Value);
            SkipSpaces();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect(']');
            return JArray.Own([.. items]);
        }
    }

    private JValue ReadObjectLiteral()
    {
        var start = _pos;
        var depth = 0;
        char quote = '\0';
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (quote != '\0')
            {
                if (c == '\\')
                    _pos++;
                else if (c == quote)
                    quote = '\0';
                continue;
            }

            if (c == '"')
            {
                quote = c;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                try
                {
                    return JsonText.Parse(_text[start.._pos]);
                }
                catch (JsonTextException e)
                {
                    throw new JsonPathSyntaxException($"Invalid path '{_text}': bad JSON literal in a filter: {e.Message}", e);
                }
            }
        }

        throw Error("unterminated JSON literal");
    }

    private RegexOperand ReadRegex()
    {
        _pos++;
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] != '/')
            _pos += _text[_pos] == '\\' ? 2 : 1;
        if (_pos >= _text.Length)
            throw Error("unterminated regular expression");
        var pattern = _text[start.._pos];
        _pos++;
        var options = RegexOptions.CultureInvariant;
        while (char.IsAsciiLetterLower(Peek()))
        {
            options |= _text[_pos] switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => throw Error($"unknown regular expression flag '{_text[_pos]}'"),
            };
            _pos++;
        }

        try
        {
            // Jayway's =~ uses Matcher.matches(): the whole string must match. A pattern the linear-time engine
            // can run never backtracks catastrophically ((a+)+$); others (backreferences, lookarounds) get a timeout.
            var anchored = @"\A(?:" + pattern + @")\z";
            Regex regex;
            try
            {
                regex = new Regex(anchored, options | RegexOptions.NonBacktracking, RegexTimeout);
            }
            catch (NotSupportedException)
            {
                regex = new Regex(anchored, options, RegexTimeout);
            }

            return new RegexOperand(regex, pattern);
        }
        catch (ArgumentException e)
        {
            throw new JsonPathSyntaxException($"Invalid path '{_text}': bad regular expression /{pattern}/: {e.Message}", e);
        }
    }
}
