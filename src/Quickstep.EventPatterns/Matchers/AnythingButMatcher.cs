using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary>
/// <c>{"anything-but": "x"}</c>, <c>{"anything-but": [1, 2]}</c>: any value but these (of any type; an absent field
/// is not a value, so it does not match).
/// </summary>
internal sealed class AnythingButMatcher(HashSet<string> strings, HashSet<double> numbers) : ValueMatcher
{
    public override bool Matches(JValue value) => value switch
    {
        JString s => !strings.Contains(s.Value),
        JNumber n => !numbers.Contains(n.Value),
        _ => true,
    };
}
