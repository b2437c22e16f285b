using System.Globalization;
using System.Text;

namespace Quickstep.Asl.Validation;

/// <summary>ASL variable names: a Unicode identifier (ID_Start then ID_Continue), at most 80 characters, not "states".</summary>
internal static class VariableNames
{
    public const int MaxLength = 80;

    /// <summary>Null when valid, else why not.</summary>
    public static string? Check(string name)
    {
        if (name.Length == 0)
            return "A variable name must not be empty.";
        if (string.Equals(name, "states", StringComparison.Ordinal))
            return "The variable name 'states' is reserved.";
        var count = 0;
        var first = true;
        foreach (var rune in name.EnumerateRunes())
        {
            count++;
            if (first ? !IsIdStart(rune) : !IsIdContinue(rune))
                return $"The variable name '{name}' is not a valid identifier.";
            first = false;
        }

        if (count > MaxLength)
            return $"The variable name '{name}' is longer than {MaxLength} characters.";
        return null;
    }

    // Approximates Unicode ID_Start/ID_Continue with general categories; '_' is allowed first as in Java/JavaScript identifiers.
    private static bool IsIdStart(Rune r)
    {
        if (r.Value == '_')
            return true;
        return Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber;
    }

    private static bool IsIdContinue(Rune r) =>
        IsIdStart(r) || Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
}
