namespace Quickstep.EventPatterns.Matchers;

/// <summary>One string condition: prefix, suffix, equals-ignore-case (and their case-insensitive forms) or a wildcard.</summary>
internal sealed class StringTest
{
    private readonly StringTestKind _kind;
    private readonly string _text;
    private readonly WildcardPattern? _wildcard;

    public StringTest(StringTestKind kind, string text)
    {
        _kind = kind;
        _text = text;
        if (kind == StringTestKind.Wildcard)
            _wildcard = WildcardPattern.Parse(text);
    }

    public bool Test(string s) => _kind switch
    {
        StringTestKind.Prefix => s.StartsWith(_text, StringComparison.Ordinal),
        StringTestKind.PrefixIgnoreCase => s.StartsWith(_text, StringComparison.OrdinalIgnoreCase),
        StringTestKind.Suffix => s.EndsWith(_text, StringComparison.Ordinal),
        StringTestKind.SuffixIgnoreCase => s.EndsWith(_text, StringComparison.OrdinalIgnoreCase),
        StringTestKind.EqualsIgnoreCase => string.Equals(s, _text, StringComparison.OrdinalIgnoreCase),
        _ => _wildcard!.Matches(s),
    };
}
