namespace Quickstep.Asl.Parsing;

/// <summary>The text of a number literal as the path and intrinsic parsers scan it: an optional '-', then digits, '.', exponent marks and signs (each parser validates the text).</summary>
internal static class NumberToken
{
    public static string Scan(string text, ref int pos)
    {
        var start = pos;
        if (pos < text.Length && text[pos] == '-')
            pos++;
        while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] is '.' or 'e' or 'E' or '+' or '-'))
            pos++;
        return text[start..pos];
    }
}
