using System.Text.RegularExpressions;

namespace Quickstep.Jsonata;

/// <summary>A regex literal, compiled once at parse time and shared by every evaluation.</summary>
internal sealed class JsonataRegex
{
    /// <summary>A hostile pattern cannot hold a node: matching gives up after this long.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public JsonataRegex(string pattern, string flags)
    {
        Pattern = pattern;
        Flags = flags;
        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i', StringComparison.Ordinal))
            options |= RegexOptions.IgnoreCase;
        if (flags.Contains('m', StringComparison.Ordinal))
            options |= RegexOptions.Multiline;
        try
        {
            Regex = new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new JsonataException("S0303", "Invalid regular expression: " + e.Message);
        }
    }

    public string Pattern { get; }

    public string Flags { get; }

    public Regex Regex { get; }
}
