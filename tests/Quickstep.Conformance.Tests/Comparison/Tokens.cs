using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>
/// The wildcard tokens in force for one case (compare.py's <c>Tokens</c>): whole-value words, and
/// the substrings that stand for any text inside a string ("&lt;...&gt;" tokens, the recorded account
/// id, the case's <c>placeholders.substring</c> words). Not thread-safe (one per comparison).
/// </summary>
internal sealed partial class Tokens
{
    /// <summary>The recording's account id: matches any 12 digits.</summary>
    public const string RecordedAccount = "111111111111";

    /// <summary>Whole values the recording replaced with a fixed word (any actual value matches them).</summary>
    public static readonly IReadOnlySet<string> GlobalValueTokens = new HashSet<string>(StringComparer.Ordinal)
    {
        "timestamp", "datetime", "RequestId", "X-Amzn-Trace-Id", "x-amz-crc32", "x-amzn-RequestId", "x-amzn-requestid",
    };

    /// <summary>Substrings always replaced in recordings (the state machine's IAM role).</summary>
    public static readonly IReadOnlySet<string> GlobalSubstringTokens = new HashSet<string>(StringComparer.Ordinal) { "snf_role_arn", "sfn_role_arn" };

    /// <summary>"&lt;...&gt;" strings that are real AWS content, not placeholders.</summary>
    private static readonly HashSet<string> NotPlaceholders = new(StringComparer.Ordinal) { "<omitted>" };

    private const string AnglePattern = @"<[A-Za-z][A-Za-z0-9_\-.]*(?::\d+)?>";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);

    private readonly Regex _split;
    private readonly Dictionary<string, Regex?> _cache = new(StringComparer.Ordinal);

    public Tokens(JValue? placeholders = null)
    {
        var value = new HashSet<string>(GlobalValueTokens, StringComparer.Ordinal);
        var substring = new HashSet<string>(GlobalSubstringTokens, StringComparer.Ordinal);
        if (placeholders is JObject p)
        {
            AddStrings(value, p["value"]);
            AddStrings(substring, p["substring"]);
        }

        Value = value;
        Substring = substring;
        // Longest first so that a token that contains another wins.
        var alternatives = new List<string> { AnglePattern, Regex.Escape(RecordedAccount) };
        alternatives.AddRange(substring.Where(t => t.Length > 0).OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).Select(Regex.Escape));
        _split = new Regex("(" + string.Join('|', alternatives) + ")", RegexOptions.CultureInvariant, MatchTimeout);
    }

    public IReadOnlySet<string> Value { get; }

    public IReadOnlySet<string> Substring { get; }

    private static void AddStrings(HashSet<string> set, JValue? list)
    {
        if (list is not JArray a)
            return;
        foreach (var item in a)
        {
            if (item is JString s)
                set.Add(s.Value);
        }
    }

    /// <summary>A full-match regex for <paramref name="expected"/> with its placeholders as wildcards, or null if it has none.</summary>
    public Regex? PatternFor(string expected)
    {
        if (_cache.TryGetValue(expected, out var cached))
            return cached;
        var parts = _split.Split(expected);
        var regex = new StringBuilder();
        var wild = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i % 2 == 0)
            {
                regex.Append(Regex.Escape(part));
            }
            else if (part == RecordedAccount)
            {
                regex.Append(@"\d{12}");
                wild = true;
            }
            else if (NotPlaceholders.Contains(part))
            {
                regex.Append(Regex.Escape(part));
            }
            else
            {
                regex.Append(".+?");
                wild = true;
            }
        }

        var pattern = wild ? new Regex(@"\A(?:" + regex + @")\z", RegexOptions.Singleline | RegexOptions.CultureInvariant, MatchTimeout) : null;
        _cache[expected] = pattern;
        return pattern;
    }
}
