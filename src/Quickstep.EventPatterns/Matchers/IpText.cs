using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Quickstep.EventPatterns.Matchers;

/// <summary>Strict IP address text: dotted-quad IPv4 or IPv6 (IPAddress.TryParse alone also takes "10" or "1.2").</summary>
internal static class IpText
{
    public static bool TryParse(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Length is 0 or > 64)
            return false;
        if (text.Contains(':', StringComparison.Ordinal))
            return IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6 && !text.Contains('%', StringComparison.Ordinal);
        var parts = text.Split('.');
        if (parts.Length != 4)
            return false;
        foreach (var p in parts)
        {
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255)
                return false;
        }

        return IPAddress.TryParse(text, out address);
    }
}
