namespace Quickstep.Services.Sns;

/// <summary>A FIFO topic's sequence numbers and its five-minute deduplication window.</summary>
internal sealed class FifoState
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, (string MessageId, string Sequence, DateTimeOffset Expires)> _seen = new(StringComparer.Ordinal);
    private ulong _next = 10_000_000_000_000_000_000UL;

    /// <summary>A new sequence number, or the earlier message when the deduplication id was seen in the last five minutes.</summary>
    public (string MessageId, string Sequence, bool Duplicate) Accept(string deduplicationId, string messageId, DateTimeOffset now)
    {
        lock (_seen)
        {
            if (_seen.Count > 1000)
            {
                foreach (var k in _seen.Where(p => p.Value.Expires <= now).Select(p => p.Key).ToList())
                    _seen.Remove(k);
            }

            if (_seen.TryGetValue(deduplicationId, out var seen) && seen.Expires > now)
                return (seen.MessageId, seen.Sequence, true);
            var sequence = (++_next).ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
            _seen[deduplicationId] = (messageId, sequence, now + Window);
            return (messageId, sequence, false);
        }
    }
}
