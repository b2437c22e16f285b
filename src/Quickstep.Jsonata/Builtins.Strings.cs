using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>String functions.</summary>
internal static partial class Builtins
{
    private static void AddStrings(List<BuiltinFunction> l)
    {
        l.Add(new("string", "<x-b?:s>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not { } v)
                return null;
            var text = Values.FnString(v, Values.Boolean(Arg(a, 1)) == true);
            ev.Charge(text.Length);
            return S(text);
        }, 1));
        l.Add(new("length", "<s-:n>", (ev, a, i) => Str(a, 0) is { } s ? N(CodePoints(s).Length) : null));
        l.Add(new("substring", "<s-nn?:s>", (ev, a, i) => Str(a, 0) is { } s ? S(Substring(s, Num(a, 1)!.Value, Num(a, 2))) : null, 3));
        l.Add(new("substringBefore", "<s-s:s>", (ev, a, i) => SubstringAround(a, after: false)));
        l.Add(new("substringAfter", "<s-s:s>", (ev, a, i) => SubstringAround(a, after: true)));
        l.Add(new("lowercase", "<s-:s>", (ev, a, i) => Str(a, 0) is { } s ? S(s.ToLowerInvariant()) : null));
        l.Add(new("uppercase", "<s-:s>", (ev, a, i) => Str(a, 0) is { } s ? S(s.ToUpperInvariant()) : null));
        l.Add(new("trim", "<s-:s>", (ev, a, i) => Str(a, 0) is { } s ? S(Trim(s)) : null));
        l.Add(new("pad", "<s-ns?:s>", (ev, a, i) =>
        {
            if (Str(a, 0) is not { } s)
                return null;
            ev.Charge((long)Math.Min(Math.Abs(Num(a, 1)!.Value), Values.MaxStringLength));
            return S(Pad(s, Num(a, 1)!.Value, Str(a, 2)));
        }, 2));
        l.Add(new("contains", "<s-(sf):b>", (ev, a, i) =>
        {
            if (Str(a, 0) is not { } s)
                return null;
            return Arg(a, 1) switch
            {
                JString t => JValue.FromBool(s.Contains(t.Value, StringComparison.Ordinal)),
                JsonataFunction f => JValue.FromBool(FirstMatch(ev, f, s) is not null),
                _ => null,
            };
        }));
        l.Add(new("split", "<s-(sf)n?:a<s>>", (ev, a, i) => Split(ev, a), 3));
        l.Add(new("join", "<a<s>s?:s>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not { } arr)
                return null;
            var sep = Str(a, 1) ?? string.Empty;
            var list = List(arr);
            var sb = new StringBuilder();
            for (var k = 0; k < list.Count; k++)
            {
                if (k > 0)
                    sb.Append(sep);
                sb.Append(((JString)list[k]).Value);
            }

            ev.Charge(sb.Length);
            return Values.CheckedString(sb.ToString());
        }, 2));
        l.Add(new("match", "<s-f<s:o>n?:a<o>>", (ev, a, i) => Match(ev, a), 3));
        l.Add(new("replace", "<s-(sf)(sf)n?:s>", (ev, a, i) => Replace(ev, a), 4));
        l.Add(new("base64encode", "<s-:s>", (ev, a, i) => Str(a, 0) is { } s ? S(Convert.ToBase64String(Utf8Bytes(s))) : null));
        l.Add(new("base64decode", "<s-:s>", (ev, a, i) =>
        {
            if (Str(a, 0) is not { } s)
                return null;
            var bytes = Convert.FromBase64String(s);
            return S(Encoding.UTF8.GetString(bytes));
        }));
        l.Add(new("encodeUrlComponent", "<s-:s>", (ev, a, i) => Str(a, 0) is { } s ? S(EncodeUri(s, UriUnreservedComponent)) : null));
        l.Add(new("encodeUrl", "<s-:s>", (ev, a, i) => Str(a, 0) is { } s ? S(EncodeUri(s, UriUnreservedFull)) : null));
        l.Add(new("decodeUrlComponent", "<s-:s>", (ev, a, i) => Str(a, 0) is { } s ? S(DecodeUri(s, string.Empty)) : null));
        l.Add(new("decodeUrl", "<s-:s>", (ev, a, i) => Str(a, 0) is { } s ? S(DecodeUri(s, ";/?:@&=+$,#")) : null));
    }

    private static readonly Regex Whitespace = new("[ \t\n\r]+", RegexOptions.CultureInvariant);

    private static byte[] Utf8Bytes(string s) => Encoding.UTF8.GetBytes(s);

    internal static int[] CodePoints(string s)
    {
        var list = new List<int>(s.Length);
        for (var k = 0; k < s.Length; k++)
        {
            if (char.IsHighSurrogate(s[k]) && k + 1 < s.Length && char.IsLowSurrogate(s[k + 1]))
            {
                list.Add(char.ConvertToUtf32(s[k], s[k + 1]));
                k++;
            }
            else
            {
                list.Add(s[k]);
            }
        }

        return [.. list];
    }

    private static string FromCodePoints(int[] cps, int start, int end)
    {
        var sb = new StringBuilder();
        for (var k = start; k < end; k++)
        {
            if (cps[k] > 0xFFFF)
                sb.Append(char.ConvertFromUtf32(cps[k]));
            else
                sb.Append((char)cps[k]);
        }

        return sb.ToString();
    }

    private static string Substring(string s, double start, double? length)
    {
        var cps = CodePoints(s);
        var len = cps.Length;
        var st = double.IsInfinity(start) ? (start > 0 ? len : -len - 1) : Math.Truncate(start);
        if (len + st < 0)
            st = 0;
        double end;
        if (length is { } ln)
        {
            if (ln <= 0)
                return string.Empty;
            end = st >= 0 ? st + ln : len + st + ln;
        }
        else
        {
            end = len;
        }

        var from = (int)(st < 0 ? Math.Max(len + st, 0) : Math.Min(st, len));
        var to = (int)(end < 0 ? Math.Max(len + end, 0) : Math.Min(Math.Truncate(end), len));
        return from >= to ? string.Empty : FromCodePoints(cps, from, to);
    }

    private static string Trim(string s)
    {
        var r = Whitespace.Replace(s, " ");
        if (r.StartsWith(' '))
            r = r[1..];
        if (r.EndsWith(' '))
            r = r[..^1];
        return r;
    }

    private static string Pad(string s, double width, string? ch)
    {
        if (string.IsNullOrEmpty(ch))
            ch = " ";
        var padLength = Math.Abs(width) - CodePoints(s).Length;
        if (padLength <= 0)
            return s;
        if (padLength * ch.Length > Values.MaxStringLength)
            throw new JsonataException("U1001", "String result too large: more than " + Values.MaxStringLength + " characters");
        var sb = new StringBuilder();
        for (var k = 0; k < (int)padLength; k++)
            sb.Append(ch);
        var padding = sb.ToString();
        if (ch.Length > 1)
            padding = Substring(padding, 0, (int)padLength);
        return width > 0 ? s + padding : padding + s;
    }

    /// <summary>A match object {match, start, end, groups} as a regex literal applied to a string returns.</summary>
    internal static JObject? RegexMatchObject(JsonataRegex regex, string s, int from)
    {
        var m = regex.Regex.Match(s, from);
        if (!m.Success)
            return null;
        return MatchToObject(m);
    }

    private static JObject MatchToObject(Match m)
    {
        var groups = new List<JValue>();
        for (var g = 1; g < m.Groups.Count; g++)
            groups.Add(m.Groups[g].Success ? S(m.Groups[g].Value) : JString.Empty);
        var b = new JObjectBuilder(4);
        b.AddUnique("match", S(m.Value));
        b.AddUnique("start", N(m.Index));
        b.AddUnique("end", N(m.Index + m.Length));
        b.AddUnique("groups", JArray.Own([.. groups]));
        return b.Build();
    }

    private sealed record MatchInfo(string Match, int Index, List<JValue> Groups);

    /// <summary>All matches of a regex literal or a custom matcher function, in order, up to <paramref name="limit"/>.</summary>
    private static List<MatchInfo> AllMatches(Evaluator ev, JsonataFunction f, string s, int limit = int.MaxValue)
    {
        var result = new List<MatchInfo>();
        if (f is RegexFunction rf)
        {
            var m = rf.Regex.Regex.Match(s);
            while (m.Success && result.Count < limit)
            {
                var groups = new List<JValue>();
                for (var g = 1; g < m.Groups.Count; g++)
                    groups.Add(m.Groups[g].Success ? S(m.Groups[g].Value) : JString.Empty);
                result.Add(new MatchInfo(m.Value, m.Index, groups));
                if (m.Length == 0 && m.Index >= s.Length)
                    break;
                m = m.NextMatch();
            }

            return result;
        }

        var obj = ev.Apply(f, [S(s)], null);
        while (obj is not null && result.Count < limit)
        {
            if (obj is not JObject o || o["match"] is not JString || o["start"] is not JNumber || o["end"] is not JNumber || o["groups"] is not JArray)
                throw new JsonataException("T1010", "The matcher function argument passed to function does not return the correct object structure") { Value = obj };
            var groups = o["groups"] is JArray ga ? [.. ga] : new List<JValue>();
            var start = o["start"] is JNumber sn ? (int)sn.Value : 0;
            result.Add(new MatchInfo(o["match"] is JString ms ? ms.Value : string.Empty, start, groups));
            if (o["next"] is JsonataFunction next)
                obj = ev.Apply(next, [], null);
            else
                break;
        }

        return result;
    }

    private static MatchInfo? FirstMatch(Evaluator ev, JsonataFunction f, string s)
    {
        var all = AllMatches(ev, f, s, 1);
        return all.Count > 0 ? all[0] : null;
    }

    private static Seq? Match(Evaluator ev, List<JValue?> a)
    {
        if (Str(a, 0) is not { } s)
            return null;
        var limit = Limit(a, 2, "D3040", "Third argument of match function must evaluate to a positive number");
        var f = (JsonataFunction)a[1]!;
        var result = new Seq(true);
        foreach (var m in AllMatches(ev, f, s, limit))
        {
            var b = new JObjectBuilder(3);
            b.AddUnique("match", S(m.Match));
            b.AddUnique("index", N(m.Index));
            b.AddUnique("groups", JArray.Own([.. m.Groups]));
            result.Add(b.Build());
        }

        return result;
    }

    /// <summary>The optional limit argument of $match, $split and $replace: how many at most (all when absent).</summary>
    private static int Limit(List<JValue?> a, int index, string code, string negative)
    {
        var limit = Num(a, index);
        if (limit < 0)
            throw new JsonataException(code, negative);
        return limit is { } l ? (int)Math.Floor(l) : int.MaxValue;
    }

    private static Seq? Split(Evaluator ev, List<JValue?> a)
    {
        if (Str(a, 0) is not { } s)
            return null;
        var limit = Limit(a, 2, "D3020", "Third argument of split function must evaluate to a positive number");
        var parts = new List<JValue>();
        if (a[1] is JString sep)
        {
            if (sep.Value.Length == 0)
            {
                foreach (var c in s)
                    parts.Add(S(c.ToString()));
            }
            else
            {
                foreach (var p in s.Split(sep.Value))
                    parts.Add(S(p));
            }
        }
        else
        {
            var pos = 0;
            foreach (var m in AllMatches(ev, (JsonataFunction)a[1]!, s))
            {
                parts.Add(S(s[pos..m.Index]));
                pos = m.Index + m.Match.Length;
            }

            parts.Add(S(s[pos..]));
        }

        if (parts.Count > limit)
            parts.RemoveRange(limit, parts.Count - limit);
        ev.Charge(parts.Count);
        return ArrayOf(parts);
    }

    private static JString? Replace(Evaluator ev, List<JValue?> a)
    {
        if (Str(a, 0) is not { } s)
            return null;
        var pattern = a[1];
        if (pattern is JString { Value.Length: 0 })
            throw new JsonataException("D3010", "Second argument of replace function cannot be an empty string");
        var limit = Limit(a, 3, "D3011", "Fourth argument of replace function must evaluate to a positive number");
        var replacement = a[2];
        var sb = new StringBuilder();
        var pos = 0;
        var count = 0;
        if (pattern is JString ps)
        {
            while (count < limit)
            {
                var idx = s.IndexOf(ps.Value, pos, StringComparison.Ordinal);
                if (idx < 0)
                    break;
                sb.Append(s, pos, idx - pos);
                sb.Append(Substitute(ev, replacement, new MatchInfo(ps.Value, idx, [])));
                pos = idx + ps.Value.Length;
                count++;
            }

            sb.Append(s, pos, s.Length - pos);
            ev.Charge(sb.Length);
            return Values.CheckedString(sb.ToString());
        }

        foreach (var m in AllMatches(ev, (JsonataFunction)pattern!, s, limit))
        {
            if (m.Match.Length == 0)
                throw new JsonataException("D1004", "Regular expression matches zero length string");
            sb.Append(s, pos, m.Index - pos);
            sb.Append(Substitute(ev, replacement, m));
            pos = m.Index + m.Match.Length;
        }

        sb.Append(s, pos, s.Length - pos);
        ev.Charge(sb.Length);
        return Values.CheckedString(sb.ToString());
    }

    private static string Substitute(Evaluator ev, JValue? replacement, MatchInfo m)
    {
        if (replacement is JsonataFunction f)
        {
            var b = new JObjectBuilder(3);
            b.AddUnique("match", S(m.Match));
            b.AddUnique("index", N(m.Index));
            b.AddUnique("groups", JArray.Own([.. m.Groups]));
            var r = ev.Apply(f, [b.Build()], null);
            if (r is JString rs)
                return rs.Value;
            throw new JsonataException("D3012", "Attempted to replace a matched string with a non-string value") { Value = r };
        }

        var text = ((JString)replacement!).Value;
        var sb = new StringBuilder();
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (c != '$')
            {
                sb.Append(c);
                continue;
            }

            if (k + 1 < text.Length && text[k + 1] == '$')
            {
                sb.Append('$');
                k++;
                continue;
            }

            var j = k + 1;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
                j++;
            if (j == k + 1)
            {
                sb.Append('$');
                continue;
            }

            var digits = text[(k + 1)..j];
            while (digits.Length > 0)
            {
                var gi = int.Parse(digits, CultureInfo.InvariantCulture);
                if (gi == 0)
                {
                    sb.Append(m.Match);
                    break;
                }

                if (gi <= m.Groups.Count)
                {
                    sb.Append(((JString)m.Groups[gi - 1]).Value);
                    break;
                }

                if (digits.Length == 1)
                    break;
                digits = digits[..^1];
                j--;
            }

            k = j - 1;
        }

        return sb.ToString();
    }

    private const string UriUnreservedComponent = "-_.!~*'()";
    private const string UriUnreservedFull = "-_.!~*'();/?:@&=+$,#";

    private static string EncodeUri(string s, string unreserved)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < s.Length; k++)
        {
            var c = s[k];
            if (char.IsAsciiLetterOrDigit(c) || unreserved.Contains(c, StringComparison.Ordinal))
            {
                sb.Append(c);
                continue;
            }

            int cp;
            if (char.IsHighSurrogate(c))
            {
                if (k + 1 >= s.Length || !char.IsLowSurrogate(s[k + 1]))
                    throw new JsonataException("D3140", "Malformed URL passed to $encodeUrl(): " + s);
                cp = char.ConvertToUtf32(c, s[k + 1]);
                k++;
            }
            else if (char.IsLowSurrogate(c))
            {
                throw new JsonataException("D3140", "Malformed URL passed to $encodeUrl(): " + s);
            }
            else
            {
                cp = c;
            }

            foreach (var b in Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp)))
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static string DecodeUri(string s, string reserved)
    {
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        for (var k = 0; k < s.Length; k++)
        {
            if (s[k] != '%')
            {
                sb.Append(s[k]);
                continue;
            }

            bytes.Clear();
            var start = k;
            while (k < s.Length && s[k] == '%')
            {
                if (k + 2 >= s.Length || !byte.TryParse(s.AsSpan(k + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                    throw new JsonataException("D3140", "Malformed URL passed to $decodeUrl(): " + s);
                bytes.Add(b);
                k += 3;
            }

            k--;
            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, true).GetString([.. bytes]);
            }
            catch (DecoderFallbackException)
            {
                throw new JsonataException("D3140", "Malformed URL passed to $decodeUrl(): " + s);
            }

            if (reserved.Length > 0 && decoded.Length == 1 && reserved.Contains(decoded[0], StringComparison.Ordinal))
                sb.Append(s, start, 3);
            else
                sb.Append(decoded);
        }

        return sb.ToString();
    }

    /// <summary>$substringBefore / $substringAfter: the text before or after the first occurrence of the second argument, or all of it.</summary>
    private static JString? SubstringAround(List<JValue?> a, bool after)
    {
        if (Str(a, 0) is not { } s)
            return null;
        var chars = Str(a, 1);
        if (chars is null)
            return S(s);
        var idx = s.IndexOf(chars, StringComparison.Ordinal);
        if (idx < 0)
            return S(s);
        return S(after ? s[(idx + chars.Length)..] : s[..idx]);
    }
}
