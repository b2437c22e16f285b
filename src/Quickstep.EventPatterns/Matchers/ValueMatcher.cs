using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary>One compiled condition of a leaf's list (<c>"x"</c>, <c>{"prefix": "a"}</c>, …), tested against one scalar of the event.</summary>
internal abstract class ValueMatcher
{
    /// <summary><paramref name="value"/> is a string, number, boolean or null (never an object or array).</summary>
    public abstract bool Matches(JValue value);
}
