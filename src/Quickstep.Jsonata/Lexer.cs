using System.Globalization;
using System.Text;

namespace Quickstep.Jsonata;

/// <summary>Splits JSONata source into tokens; '/' starts a regex literal where an operand is expected.</summary>
internal sealed class Lexer
{
    private readonly string _src;
    private int _pos;

    public Lexer(string source) => _src = source;

    public int Position
    {
        get => _pos;
        set => _pos = value;
    }

    public string Source => _src;

    private static bool IsOperatorChar(char c) => c switch
    {
        '.' or '[' or ']' or '{' or '}' or '(' or ')' or ',' or '@' or '#' or ';' or ':' or '?' or '+' or '-' or '*' or '/' or '%' or '|' or '=' or '<' or '>' or '^' or '&' or '!' or '~' => true,
        _ => false,
    };

    private static bool IsWhite(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    public Token Next(bool prefix)
    {
        var src = _src;
        while (true)
        {
            while (_pos < src.Length && IsWhite(src[_pos]))
                _pos++;
            if (_pos + 1 < src.Length && src[_pos] == '/' && src[_pos + 1] == '*')
            {
                var start = _pos;
                var end = src.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                    throw new JsonataException("S0106", "Comment has no closing tag", start);
                _pos = end + 2;
                continue;
            }

            break;
        }

        if (_pos >= src.Length)
            return new Token(TokenKind.End, "(end)", _pos);
        var c = src[_pos];
        var at = _pos;
        if (prefix && c == '/')
        {
            _pos++;
            return ScanRegex(at);
        }

        if (_pos + 1 < src.Length)
        {
            var two = src.Substring(_pos, 2);
            switch (two)
            {
                case "..":
                case ":=":
                case "!=":
                case ">=":
                case "<=":
                case "**":
                case "~>":
                case "?:":
                case "??":
                    _pos += 2;
                    return new Token(TokenKind.Operator, two, at);
            }
        }

        if (IsOperatorChar(c))
        {
            _pos++;
            return new Token(TokenKind.Operator, c.ToString(), at);
        }

        if (c is '"' or '\'')
        {
            _pos++;
            return ScanString(c, at);
        }

        if (c is >= '0' and <= '9')
        {
            var i = _pos;
            if (src[i] == '0')
            {
                i++;
            }
            else
            {
                while (i < src.Length && char.IsAsciiDigit(src[i]))
                    i++;
            }

            if (i + 1 < src.Length && src[i] == '.' && char.IsAsciiDigit(src[i + 1]))
            {
                i++;
                while (i < src.Length && char.IsAsciiDigit(src[i]))
                    i++;
            }

            if (i < src.Length && (src[i] == 'e' || src[i] == 'E'))
            {
                var j = i + 1;
                if (j < src.Length && (src[j] == '+' || src[j] == '-'))
                    j++;
                if (j < src.Length && char.IsAsciiDigit(src[j]))
                {
                    while (j < src.Length && char.IsAsciiDigit(src[j]))
                        j++;
                    i = j;
                }
            }

            var text = src[_pos..i];
            var num = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(num))
                throw new JsonataException("S0102", "Number out of range: " + text, at);
            _pos = i;
            return new Token(TokenKind.Number, text, at, num);
        }

        if (c == '`')
        {
            var end = src.IndexOf('`', _pos + 1);
            if (end < 0)
                throw new JsonataException("S0105", "Quoted property name must be terminated with a backquote (`) character", at);
            var name = src.Substring(_pos + 1, end - _pos - 1);
            _pos = end + 1;
            return new Token(TokenKind.Name, name, at);
        }

        var k = _pos;
        while (k < src.Length && !IsWhite(src[k]) && !IsOperatorChar(src[k]))
            k++;
        var word = src[_pos..k];
        _pos = k;
        if (word[0] == '$')
            return new Token(TokenKind.Variable, word[1..], at);
        return word switch
        {
            "and" or "or" or "in" => new Token(TokenKind.Operator, word, at),
            "true" or "false" or "null" => new Token(TokenKind.Value, word, at),
            _ => new Token(TokenKind.Name, word, at),
        };
    }

    private Token ScanString(char quote, int at)
    {
        var src = _src;
        var sb = new StringBuilder();
        while (_pos < src.Length)
        {
            var c = src[_pos];
            if (c == '\\')
            {
                _pos++;
                if (_pos >= src.Length)
                    break;
                c = src[_pos];
                switch (c)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 < src.Length && int.TryParse(src.AsSpan(_pos + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            sb.Append((char)code);
                            _pos += 4;
                        }
                        else
                        {
                            throw new JsonataException("S0104", "The escape sequence \\u must be followed by 4 hex digits", _pos);
                        }

                        break;
                    default:
                        throw new JsonataException("S0103", "Unsupported escape sequence: \\" + c, _pos);
                }

                _pos++;
            }
            else if (c == quote)
            {
                _pos++;
                return new Token(TokenKind.String, sb.ToString(), at);
            }
            else
            {
                sb.Append(c);
                _pos++;
            }
        }

        throw new JsonataException("S0101", "String literal must be terminated by a matching quote", at);
    }

    private Token ScanRegex(int at)
    {
        var src = _src;
        var start = _pos;
        var depth = 0;
        while (_pos < src.Length)
        {
            var c = src[_pos];
            if (c == '/' && depth == 0)
            {
                var backslashes = 0;
                while (_pos - backslashes - 1 >= start && src[_pos - backslashes - 1] == '\\')
                    backslashes++;
                if (backslashes % 2 == 0)
                {
                    var pattern = src[start.._pos];
                    if (pattern.Length == 0)
                        throw new JsonataException("S0301", "Empty regular expressions are not allowed", at);
                    _pos++;
                    var fs = _pos;
                    while (_pos < src.Length && (src[_pos] == 'i' || src[_pos] == 'm'))
                        _pos++;
                    var flags = src[fs.._pos];
                    return new Token(TokenKind.Regex, pattern, at, 0, new JsonataRegex(pattern, flags));
                }
            }

            var prevEscaped = _pos > start && src[_pos - 1] == '\\';
            if ((c is '(' or '[' or '{') && !prevEscaped)
                depth++;
            else if ((c is ')' or ']' or '}') && !prevEscaped)
                depth--;
            _pos++;
        }

        throw new JsonataException("S0302", "No terminating / in regular expression", at);
    }
}
