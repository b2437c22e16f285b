using System.Net;
using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary><c>"value"</c>: the same string; a pattern string that is an IP address also matches the same address written otherwise.</summary>
internal sealed class ExactStringMatcher(string expected) : ValueMatcher
{
    private readonly IPAddress? _address = IpText.TryParse(expected, out var a) ? a : null;

    public override bool Matches(JValue value) =>
        value is JString s && (string.Equals(s.Value, expected, StringComparison.Ordinal)
            || (_address is not null && IpText.TryParse(s.Value, out var other) && _address.Equals(other)));
}
