namespace Quickstep.Server.Api;

/// <summary>AWS's Name rule: 1–80 characters, no whitespace, brackets, wildcards, punctuation "#%\^|~`$&amp;,;:/ or control characters.</summary>
internal static class Names
{
    private const string Forbidden = "<>{}[]?*\"#%\\^|~`$&,;:/";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 80)
            return false;
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || Forbidden.Contains(c, StringComparison.Ordinal) || c <= '\u001f' || c is >= '\u007f' and <= '\u009f')
                return false;
        }

        return true;
    }

    /// <summary>Alias names (CharacterRestrictedName): letters, digits, _ - . with at least one non-digit.</summary>
    public static bool IsValidAlias(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 80)
            return false;
        var nonDigit = false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                return false;
            nonDigit |= !char.IsAsciiDigit(c);
        }

        return nonDigit;
    }

    public static string Require(string name)
    {
        if (!IsValid(name))
            ApiErrors.InvalidName(name);
        return name;
    }
}
