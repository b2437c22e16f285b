using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary>
/// <c>{"anything-but": {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": … or [ … ]}}</c>: a value none of the tests
/// accept; values that are not strings pass (none of the tests can accept them).
/// </summary>
internal sealed class AnythingButStringMatcher(StringTest[] tests) : ValueMatcher
{
    public override bool Matches(JValue value)
    {
        if (value is not JString s)
            return true;
        foreach (var t in tests)
        {
            if (t.Test(s.Value))
                return false;
        }

        return true;
    }
}
