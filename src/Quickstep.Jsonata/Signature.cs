using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// A function signature such as <c>&lt;s-n?:s&gt;</c>: validates (and, for '-', supplies from the context)
/// the arguments of a call. The parameter pattern is compiled once into a regex over one letter per argument.
/// </summary>
internal sealed class Signature
{
    private readonly List<Param> _params = [];
    private readonly Regex _regex;

    private Signature(string text, int position)
    {
        Text = text;
        var param = new Param();
        var prev = param;
        var pos = 1;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == ':')
                break;
            switch (c)
            {
                case 's' or 'n' or 'b' or 'l' or 'o' or 'a' or 'f' or 'j' or 'x':
                    param.Regex = c switch
                    {
                        'a' or 'x' => "[asnblfom]",
                        'f' => "f",
                        'j' => "[asnblom]",
                        _ => "[" + c + "m]",
                    };
                    param.Type = c.ToString();
                    Next();
                    break;
                case '-':
                    prev.Context = true;
                    prev.ContextRegex = Compile("^" + prev.Regex, position);
                    prev.Regex += "?";
                    break;
                case '?':
                case '+':
                    prev.Regex += c;
                    break;
                case '(':
                    {
                        var end = text.IndexOf(')', pos);
                        if (end < 0)
                            throw new JsonataException("S0401", "Invalid function signature", position + pos);
                        var choice = text.Substring(pos + 1, end - pos - 1);
                        if (choice.Contains('<', StringComparison.Ordinal))
                            throw new JsonataException("S0402", "Choice groups containing parameterized types are not supported", position + pos);
                        param.Regex = "[" + choice + "m]";
                        param.Type = "(" + choice + ")";
                        pos = end;
                        Next();
                        break;
                    }

                case '<':
                    {
                        if (prev.Type is not ("a" or "f"))
                            throw new JsonataException("S0401", "Type parameters can only be applied to functions and arrays", position + pos);
                        var depth = 0;
                        var end = pos;
                        for (; end < text.Length; end++)
                        {
                            if (text[end] == '<')
                                depth++;
                            else if (text[end] == '>' && --depth == 0)
                                break;
                        }

                        // An empty one (a<>) constrains nothing: jsonata-js tests the subtype's truthiness.
                        prev.Subtype = end - pos - 1 > 0 ? text.Substring(pos + 1, end - pos - 1) : null;
                        pos = end;
                        break;
                    }

                default:
                    break;
            }

            pos++;
        }

        var sb = new StringBuilder("^");
        foreach (var p in _params)
        {
            p.Freeze();
            sb.Append('(').Append(p.Regex).Append(')');
        }
        sb.Append('$');
        _regex = Compile(sb.ToString(), position);
        MinArity = 0;
        foreach (var p in _params)
        {
            if (!p.Regex.EndsWith('?'))
                MinArity++;
        }

        // Modifiers in a row (s?+) make a pattern no regex engine accepts: in jsonata-js the
        // RegExp constructor throws; here it is the signature's own error, S0401.
        static Regex Compile(string pattern, int position)
        {
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException)
            {
                throw new JsonataException("S0401", "Invalid function signature", position);
            }
        }

        void Next()
        {
            _params.Add(param);
            prev = param;
            param = new Param();
        }
    }

    public string Text { get; }

    public int ParamCount => _params.Count;

    /// <summary>The number of mandatory parameters (JavaScript's Function.length for a native function).</summary>
    public int MinArity { get; }

    public static Signature Parse(string text, int position = 0) => new(text, position);

    public static char Symbol(JValue? v) => v switch
    {
        null => 'm',
        JsonataFunction => 'f',
        JString => 's',
        JNumber => 'n',
        JBool => 'b',
        JNull => 'l',
        JObject => 'o',
        _ => 'a',
    };

    public List<JValue?> Validate(List<JValue?> args, JValue? context)
    {
        Span<char> buf = args.Count <= 32 ? stackalloc char[args.Count] : new char[args.Count];
        for (var i = 0; i < args.Count; i++)
            buf[i] = Symbol(args[i]);
        var groups = GreedyMatch(buf);
        if (groups is null)
        {
            var supplied = new string(buf);
            var m = _regex.Match(supplied);
            if (!m.Success)
                throw ValidationError(args, supplied);
            groups = new string[_params.Count];
            for (var g = 0; g < groups.Length; g++)
                groups[g] = m.Groups[g + 1].Value;
        }

        var validated = new List<JValue?>(_params.Count);
        var argIndex = 0;
        for (var index = 0; index < _params.Count; index++)
        {
            var param = _params[index];
            var arg = argIndex < args.Count ? args[argIndex] : null;
            var match = groups[index];
            if (match.Length == 0)
            {
                if (param.Context && param.ContextRegex is not null)
                {
                    if (context is Seq { OuterWrapper: true } wrapper)
                        context = wrapper.Items[0];
                    var contextType = Symbol(context);
                    if (param.ContextRegex.IsMatch(contextType.ToString()))
                        validated.Add(context);
                    else
                        throw new JsonataException("T0411", "Context value is not a compatible type with argument " + (argIndex + 1)) { Value = context };
                }
                else
                {
                    validated.Add(arg);
                    argIndex++;
                }

                continue;
            }

            foreach (var single in match)
            {
                arg = argIndex < args.Count ? args[argIndex] : null;
                if (param.Type == "a")
                {
                    if (single == 'm')
                    {
                        arg = null;
                    }
                    else
                    {
                        var arrayOk = true;
                        if (param.Subtype is not null)
                        {
                            if (single != 'a' && match != param.Subtype)
                            {
                                arrayOk = false;
                            }
                            else if (single == 'a' && arg is IReadOnlyList<JValue> list && list.Count > 0)
                            {
                                var itemType = Symbol(list[0]);
                                if (itemType != param.Subtype[0])
                                {
                                    arrayOk = false;
                                }
                                else
                                {
                                    foreach (var item in list)
                                    {
                                        if (Symbol(item) != itemType)
                                        {
                                            arrayOk = false;
                                            break;
                                        }
                                    }
                                }
                            }

                            if (!arrayOk)
                                throw new JsonataException("T0412", "Argument " + (argIndex + 1) + " of function must be an array of " + param.Subtype) { Value = arg };
                        }

                        if (single != 'a')
                            arg = Seq.Array(arg);
                    }

                    validated.Add(arg);
                    argIndex++;
                }
                else
                {
                    validated.Add(arg);
                    argIndex++;
                }
            }
        }

        return validated;
    }

    private static readonly string[] SymbolStrings = [.. "asnblfom".Select(c => c.ToString())];

    /// <summary>
    /// Assigns arguments to parameters left to right, each taking one argument when its type allows; this is
    /// the regex's first match whenever it consumes every argument, and avoids running the regex per call.
    /// </summary>
    private string[]? GreedyMatch(ReadOnlySpan<char> symbols)
    {
        var groups = new string[_params.Count];
        var a = 0;
        for (var p = 0; p < _params.Count; p++)
        {
            var param = _params[p];
            if (param.Variadic)
                return null;
            if (a < symbols.Length && param.Allowed.Contains(symbols[a], StringComparison.Ordinal))
            {
                groups[p] = SymbolStrings["asnblfom".IndexOf(symbols[a], StringComparison.Ordinal)];
                a++;
            }
            else if (param.Optional)
            {
                groups[p] = string.Empty;
            }
            else
            {
                return null;
            }
        }

        return a == symbols.Length ? groups : null;
    }

    private JsonataException ValidationError(List<JValue?> args, string supplied)
    {
        var partial = new StringBuilder("^");
        var goodTo = 0;
        foreach (var p in _params)
        {
            partial.Append(p.Regex);
            var m = Regex.Match(supplied, partial.ToString(), RegexOptions.CultureInvariant);
            if (!m.Success)
                break;
            goodTo = m.Length;
        }

        return new JsonataException("T0410", "Argument " + (goodTo + 1) + " of function does not match function signature") { Value = goodTo < args.Count ? args[goodTo] : null };
    }

    private sealed class Param
    {
        public string Regex { get; set; } = string.Empty;

        public string Type { get; set; } = string.Empty;

        public bool Context { get; set; }

        public Regex? ContextRegex { get; set; }

        public string? Subtype { get; set; }

        public string Allowed { get; private set; } = string.Empty;

        public bool Optional { get; private set; }

        public bool Variadic { get; private set; }

        public void Freeze()
        {
            Allowed = Regex.TrimStart('[').Split(']')[0];
            Optional = Regex.EndsWith('?');
            Variadic = Regex.EndsWith('+');
        }
    }
}
