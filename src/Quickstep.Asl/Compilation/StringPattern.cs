namespace Quickstep.Asl.Compilation;

/// <summary>StringMatches patterns: "*" matches any run of characters; "\*" and "\\" are literals.</summary>
internal sealed class StringPattern
{
    private readonly string[] _parts;

    private StringPattern(string[] parts) => _parts = parts;

    public static StringPattern Compile(string pattern)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                current.Append(pattern[++i]);
            }
            else if (c == '*')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return new StringPattern([.. parts]);
    }

    public bool IsMatch(string text)
    {
        if (_parts.Length == 1)
            return string.Equals(_parts[0], text, StringComparison.Ordinal);
        var first = _parts[0];
        var last = _parts[^1];
        if (!text.StartsWith(first, StringComparison.Ordinal))
            return false;
        var pos = first.Length;
        for (var i = 1; i < _parts.Length - 1; i++)
        {
            if (_parts[i].Length == 0)
                continue;
            var at = text.IndexOf(_parts[i], pos, StringComparison.Ordinal);
            if (at < 0)
                return false;
            pos = at + _parts[i].Length;
        }

        return text.Length - pos >= last.Length && text.EndsWith(last, StringComparison.Ordinal);
    }
}
