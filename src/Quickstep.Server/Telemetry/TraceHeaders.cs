using System.Diagnostics;

namespace Quickstep.Server.Telemetry;

/// <summary>
/// Reads StartExecution's <c>traceHeader</c>: AWS X-Ray's <c>Root=1-{8 hex}-{24 hex};Parent={16 hex};Sampled=0|1</c>
/// (the X-Ray trace id is the W3C trace id with a dash), or a W3C <c>traceparent</c>.
/// </summary>
public static class TraceHeaders
{
    /// <summary>The parent context the header names, or null when it names none (or is malformed: tracing never fails a start).</summary>
    public static ActivityContext? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        if (header.StartsWith("00-", StringComparison.Ordinal))
            return ActivityContext.TryParse(header.Trim(), null, isRemote: true, out var w3c) ? w3c : null;

        string? root = null, parent = null, sampled = null;
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                continue;
            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Root":
                    root = value;
                    break;
                case "Parent":
                    parent = value;
                    break;
                case "Sampled":
                    sampled = value;
                    break;
            }
        }

        // Root=1-5759e988-bd862e3fe1be46a994272793: version 1, then the 32 hex digits of the trace id.
        if (root is not { Length: 35 } || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-')
            return null;
        var traceHex = string.Concat(root.AsSpan(2, 8), root.AsSpan(11, 24));
        if (!IsHex(traceHex) || (parent is not null && (parent.Length != 16 || !IsHex(parent))))
            return null;
        var traceId = ActivityTraceId.CreateFromString(traceHex);
        // No Parent: the trace is kept, the execution's span is its first one here.
        var spanId = parent is null ? ActivitySpanId.CreateRandom() : ActivitySpanId.CreateFromString(parent);
        var flags = sampled == "0" ? ActivityTraceFlags.None : ActivityTraceFlags.Recorded;
        return new ActivityContext(traceId, spanId, flags, isRemote: true);
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
                return false;
        }

        return s.Length > 0 && s.Any(c => c != '0');
    }
}
