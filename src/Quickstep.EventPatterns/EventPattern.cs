using Quickstep.Json;

namespace Quickstep.EventPatterns;

/// <summary>
/// A compiled EventBridge event pattern or SNS filter policy: parsed and validated once, then matched against any
/// number of events without looking at the pattern's JSON again. Thread-safe.
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html,
/// https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
/// </summary>
public sealed class EventPattern
{
    private readonly PatternNode[] _branches;

    private EventPattern(PatternNode[] branches) => _branches = branches;

    /// <summary>Compiles pattern text; throws <see cref="EventPatternException"/> with AWS's reason when it is not valid.</summary>
    public static EventPattern Parse(string pattern, EventPatternDialect dialect = EventPatternDialect.EventBridge)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!JsonText.TryParse(pattern, out var value, out var error))
            throw new EventPatternException(error ?? "Filter is not valid JSON");
        return Compile(value!, dialect);
    }

    /// <summary>Compiles a parsed pattern; throws <see cref="EventPatternException"/> with AWS's reason when it is not valid.</summary>
    public static EventPattern Compile(JValue pattern, EventPatternDialect dialect = EventPatternDialect.EventBridge)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var branches = new PatternCompiler(dialect).Compile(pattern);
        var nodes = new PatternNode[branches.Count];
        for (var i = 0; i < branches.Count; i++)
        {
            var node = new PatternNode();
            foreach (var (path, leaf) in branches[i])
                node.AddLeaf(path, leaf);
            nodes[i] = node;
        }

        return new EventPattern(nodes);
    }

    /// <summary>Whether <paramref name="document"/> (an event, or a message body / attributes object) matches; anything but an object never does.</summary>
    public bool Matches(JValue document)
    {
        if (document is not JObject obj)
            return false;
        foreach (var branch in _branches)
        {
            if (branch.Matches(obj))
                return true;
        }

        return false;
    }
}
