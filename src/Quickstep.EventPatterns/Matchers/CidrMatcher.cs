using System.Net;
using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary><c>{"cidr": "10.0.0.0/24"}</c>: a string that is an IP address inside the block (IPv4 or IPv6).</summary>
internal sealed class CidrMatcher(IPNetwork network) : ValueMatcher
{
    public override bool Matches(JValue value) =>
        value is JString s && IpText.TryParse(s.Value, out var address) && network.Contains(address);
}
