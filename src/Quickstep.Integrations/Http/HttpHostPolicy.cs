namespace Quickstep.Integrations.Http;

/// <summary>Which hosts HTTP Tasks may reach (<see cref="HttpInvokeOptions.AllowedHosts"/>).</summary>
internal sealed class HttpHostPolicy(IReadOnlyList<string> allowed)
{
    private readonly string[] _allowed = [.. allowed.Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0)];

    public string Describe() => _allowed.Length == 0 ? "none" : string.Join(", ", _allowed);

    public bool Allows(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        var hostPort = host + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var entry in _allowed)
        {
            if (entry == "*" || entry == host || entry == hostPort || entry.Trim('[', ']') == host)
                return true;
            if (entry.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(entry[1..], StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
