using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary><c>{"prefix": …}</c>, <c>{"suffix": …}</c>, <c>{"equals-ignore-case": …}</c>, <c>{"wildcard": …}</c>: strings only.</summary>
internal sealed class StringMatcher(StringTest test) : ValueMatcher
{
    public override bool Matches(JValue value) => value is JString s && test.Test(s.Value);
}
