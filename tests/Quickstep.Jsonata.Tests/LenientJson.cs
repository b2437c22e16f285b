using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Jsonata.Tests;

/// <summary>A small JSON reader for the suite's files, which hold lone UTF-16 surrogates that System.Text.Json rejects.</summary>
internal sealed class LenientJson
{
    private readonly string _s;
    private int _p;

    private LenientJson(string s) => _s = s;

    public static JValue Parse(string text)
    {
        var r = new LenientJson(text);
        var v = r.Value();
        r.Ws();
        if (r._p != text.Length)
            throw new FormatException("trailing content at " + r._p);
        return v;
    }

    private void Ws()
    {
        while (_p < _s.Length && char.IsWhiteSpace(_s[_p]))
            _p++;
    }

    private JValue Value()
    {
        Ws();
        var c = _s[_p];
        switch (c)
        {
            case '{':
                {
                    _p++;
                    var b = new JObjectBuilder();
                    Ws();
                    if (_s[_p] == '}')
                    {
                        _p++;
                        return b.Build();
                    }

                    while (true)
                    {
                        Ws();
                        var key = Str();
                        Ws();
                        _p++; // ':'
                        b.Set(key, Value());
                        Ws();
                        if (_s[_p++] == '}')
                            return b.Build();
                    }
                }

            case '[':
                {
                    _p++;
                    var items = new List<JValue>();
                    Ws();
                    if (_s[_p] == ']')
                    {
                        _p++;
                        return JArray.Own([.. items]);
                    }

                    while (true)
                    {
                        items.Add(Value());
                        Ws();
                        if (_s[_p++] == ']')
                            return JArray.Own([.. items]);
                    }
                }

            case '"':
                return JString.Create(Str());
            case 't':
                _p += 4;
                return JValue.True;
            case 'f':
                _p += 5;
                return JValue.False;
            case 'n':
                _p += 4;
                return JValue.Null;
            default:
                {
                    var start = _p;
                    while (_p < _s.Length && "+-0123456789.eE".Contains(_s[_p], StringComparison.Ordinal))
                        _p++;
                    var text = _s[start.._p];
                    return JNumber.FromText(text, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
                }
        }
    }

    private string Str()
    {
        _p++;
        var sb = new StringBuilder();
        while (_s[_p] != '"')
        {
            var c = _s[_p++];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            c = _s[_p++];
            switch (c)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    sb.Append((char)int.Parse(_s.AsSpan(_p, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    _p += 4;
                    break;
                default: sb.Append(c); break;
            }
        }

        _p++;
        return sb.ToString();
    }
}
