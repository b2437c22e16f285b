namespace Quickstep.EventPatterns.Matchers;

/// <summary>The string tests shared by the plain operators and their anything-but forms.</summary>
internal enum StringTestKind
{
    Prefix,
    PrefixIgnoreCase,
    Suffix,
    SuffixIgnoreCase,
    EqualsIgnoreCase,
    Wildcard,
}
