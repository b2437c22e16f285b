using System.Net;
using Microsoft.AspNetCore.Http;

namespace Quickstep.Server.Hosting;

/// <summary>
/// DNS rebinding: a web page can point a name of its own at 127.0.0.1 and have the browser send it requests. A
/// server that listens on loopback only answers requests addressed to a loopback name (<c>localhost</c>,
/// <c>*.localhost</c>, 127.0.0.0/8, <c>[::1]</c>, with the SDKs' <c>sync-</c> host prefix allowed), so such a page
/// reads and starts nothing.
/// </summary>
internal static class LoopbackHostGuard
{
    /// <summary>True when the server listens on loopback only (then <see cref="IsAllowed"/> applies).</summary>
    public static bool Applies(string listenHost) =>
        listenHost is "localhost" || (IPAddress.TryParse(listenHost, out var ip) && IPAddress.IsLoopback(ip));

    public static bool IsAllowed(HostString host, IReadOnlyCollection<string> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        if (!host.HasValue)
            return true; // HTTP/1.0 without Host: no browser sends that.
        var name = host.Host;
        if (extra.Contains(name, StringComparer.OrdinalIgnoreCase))
            return true;
        if (name.StartsWith("sync-", StringComparison.OrdinalIgnoreCase))
            name = name[5..];
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
