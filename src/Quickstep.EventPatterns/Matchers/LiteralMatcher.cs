using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary><c>null</c>, <c>true</c>, <c>false</c>: that literal.</summary>
internal sealed class LiteralMatcher(JKind kind) : ValueMatcher
{
    public override bool Matches(JValue value) => value.Kind == kind;
}
