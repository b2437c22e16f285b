using System.Text;

namespace Quickstep.EventPatterns.Matchers;

/// <summary>
/// A parsed <c>wildcard</c> value: literal segments between <c>*</c> (any run of characters, also none); <c>\*</c> is a
/// literal star and <c>\\</c> a backslash. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string[] _segments;

    private WildcardPattern(string[] segments) => _segments = segments;

    /// <summary>Parses a wildcard; errors are AWS's, positions counted in UTF-8 bytes from the opening quote as AWS counts them.</summary>
    public static WildcardPattern Parse(string text)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var bytePos = 1; // AWS counts from the pattern's opening quote.
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '*')
            {
                if (i + 1 < text.Length && text[i + 1] == '*')
                    throw new EventPatternException($"Consecutive wildcard characters at pos {bytePos}");
                segments.Add(current.ToString());
                current.Clear();
            }
            else if (c == '\\')
            {
                if (i + 1 < text.Length && text[i + 1] is '*' or '\\')
                {
                    current.Append(text[i + 1]);
                    i++;
                    bytePos += 2;
                    continue;
                }

                throw new EventPatternException($"Invalid escape character at pos {bytePos}");
            }
            else
            {
                current.Append(c);
            }

            bytePos += char.IsHighSurrogate(c) ? 0 : Encoding.UTF8.GetByteCount(char.IsLowSurrogate(c) ? text.Substring(i - 1, 2) : c.ToString());
        }

        segments.Add(current.ToString());
        return new WildcardPattern([.. segments]);
    }

    public bool Matches(string s)
    {
        if (_segments.Length == 1)
            return string.Equals(s, _segments[0], StringComparison.Ordinal);
        var first = _segments[0];
        var last = _segments[^1];
        if (s.Length < first.Length + last.Length || !s.StartsWith(first, StringComparison.Ordinal) || !s.EndsWith(last, StringComparison.Ordinal))
            return false;
        // Leftmost placement of each middle segment is enough when the only metacharacter is '*'.
        var at = first.Length;
        var end = s.Length - last.Length;
        for (var i = 1; i < _segments.Length - 1; i++)
        {
            var seg = _segments[i];
            var found = s.IndexOf(seg, at, end - at, StringComparison.Ordinal);
            if (found < 0)
                return false;
            at = found + seg.Length;
        }

        return true;
    }
}
