using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary><c>5</c>: a JSON number of the same value (300 matches 3e2 and 300.0), never the string "5".</summary>
internal sealed class ExactNumberMatcher(double expected) : ValueMatcher
{
    public override bool Matches(JValue value) => value is JNumber n && n.Value.Equals(expected);
}
