namespace Quickstep.Services.Sqs;

/// <summary>
/// One queue's hot state, in memory: every message by sequence number; the visible ones in a FIFO list
/// (standard) or per message group (FIFO); the delayed and in-flight ones in a heap by the time they become
/// visible, so that a receive takes from the front and never scans. Heap entries are checked when taken
/// (a visibility change leaves the older entry behind). All members are used under <see cref="Gate"/>.
/// </summary>
internal sealed class SqsQueue
{
    private readonly Dictionary<long, SqsMessage> _messages = [];
    private readonly Queue<SqsMessage> _ready = new();
    private readonly PriorityQueue<SqsMessage, long> _pending = new();
    private readonly Dictionary<string, FifoGroup> _groups = new(StringComparer.Ordinal);
    private readonly LinkedList<FifoGroup> _activeGroups = new();
    private readonly Dictionary<string, DedupEntry> _dedup = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long ExpiresMs)> _dedupOrder = new();
    private readonly LinkedList<TaskCompletionSource<bool>> _waiters = new();
    private long _retentionCheckMs = long.MaxValue;

    public SqsQueue(string name, string arn, SqsQueueAttributes attributes, Dictionary<string, string> tags, long createdMs, long modifiedMs)
    {
        Name = name;
        Arn = arn;
        Attributes = attributes;
        Tags = tags;
        CreatedMs = createdMs;
        ModifiedMs = modifiedMs;
    }

    public Lock Gate { get; } = new();

    public string Name { get; }

    public string Arn { get; }

    public bool IsFifo => Attributes.FifoQueue;

    public SqsQueueAttributes Attributes { get; private set; }

    public Dictionary<string, string> Tags { get; }

    public long CreatedMs { get; }

    public long ModifiedMs { get; set; }

    public long LastPurgeMs { get; set; } = long.MinValue;

    public bool Deleted { get; set; }

    public int ReadyCount { get; private set; }

    public int InFlightCount { get; private set; }

    public int DelayedCount { get; private set; }

    public IReadOnlyCollection<long> MessageSeqs => _messages.Keys;

    public void SetAttributes(SqsQueueAttributes attributes)
    {
        Attributes = attributes;
        _retentionCheckMs = long.MinValue;
    }

    /// <summary>Adds a message (new, loaded at start, or dead-lettered here): delayed, in flight or visible by its visibility time.</summary>
    public void Add(SqsMessage m, long now)
    {
        _messages[m.Seq] = m;
        _retentionCheckMs = Math.Min(_retentionCheckMs, m.SentMs + (Attributes.MessageRetentionPeriod * 1000L));
        if (IsFifo)
        {
            var groupId = m.GroupId ?? "";
            if (!_groups.TryGetValue(groupId, out var g))
            {
                g = new FifoGroup(groupId);
                _groups[groupId] = g;
            }

            g.ActiveNode ??= _activeGroups.AddLast(g);
            m.Group = g;
            m.GroupNode = g.Messages.AddLast(m);
        }

        if (m.VisibleAtMs > now)
        {
            if (m.ReceiveCount > 0 && m.FirstReceiveMs > 0)
            {
                m.State = SqsMessageState.InFlight;
                InFlightCount++;
                if (m.Group is { } g)
                    g.InFlight++;
            }
            else
            {
                m.State = SqsMessageState.Delayed;
                DelayedCount++;
            }

            _pending.Enqueue(m, m.VisibleAtMs);
        }
        else
        {
            MakeReady(m);
        }
    }

    public SqsMessage? Find(long seq) => _messages.GetValueOrDefault(seq);

    /// <summary>Delayed and in-flight messages whose time came become visible.</summary>
    public void Promote(long now)
    {
        while (_pending.TryPeek(out var m, out var at) && at <= now)
        {
            _pending.Dequeue();
            if (m.VisibleAtMs != at)
                continue;
            if (m.State == SqsMessageState.Delayed)
            {
                DelayedCount--;
                MakeReady(m);
            }
            else if (m.State == SqsMessageState.InFlight)
            {
                InFlightCount--;
                if (m.Group is { } g)
                    g.InFlight--;
                MakeReady(m);
            }
        }
    }

    /// <summary>When the next delayed or in-flight message becomes visible, if any.</summary>
    public long? NextPendingMs()
    {
        while (_pending.TryPeek(out var m, out var at))
        {
            if (m.VisibleAtMs == at && m.State is SqsMessageState.Delayed or SqsMessageState.InFlight)
                return at;
            _pending.Dequeue();
        }

        return null;
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> visible messages and puts them in flight. Expired messages go to
    /// <paramref name="expired"/>; messages received <paramref name="maxReceiveCount"/> times already go to
    /// <paramref name="dead"/> (for the dead-letter queue) instead of being delivered again.
    /// </summary>
    public void Take(long now, int max, long visibilityMs, long nonceBase, List<SqsMessage> taken, List<SqsMessage> expired, List<SqsMessage> dead, int maxReceiveCount)
    {
        Promote(now);
        SweepExpired(now, expired);
        var retentionMs = Attributes.MessageRetentionPeriod * 1000L;
        if (!IsFifo)
        {
            while (taken.Count < max && _ready.TryDequeue(out var m))
            {
                if (m.State != SqsMessageState.Ready)
                    continue;
                if (Route(m, now, retentionMs, maxReceiveCount, expired, dead))
                    Deliver(m, now, visibilityMs, nonceBase + taken.Count, taken);
            }

            return;
        }

        var node = _activeGroups.First;
        var rounds = _activeGroups.Count;
        while (node is not null && taken.Count < max && rounds-- > 0)
        {
            var next = node.Next;
            var g = node.Value;
            if (g.InFlight == 0)
            {
                var took = false;
                for (var mn = g.Messages.First; mn is not null && taken.Count < max;)
                {
                    var m = mn.Value;
                    mn = mn.Next;
                    if (m.State != SqsMessageState.Ready)
                        break;
                    if (Route(m, now, retentionMs, maxReceiveCount, expired, dead))
                    {
                        Deliver(m, now, visibilityMs, nonceBase + taken.Count, taken);
                        took = true;
                    }
                }

                // Served groups go to the back, so that a busy group does not starve the others.
                if (took && g.ActiveNode is { } active && active.Next is not null)
                {
                    _activeGroups.Remove(active);
                    _activeGroups.AddLast(active);
                }
            }

            node = next;
        }
    }

    /// <summary>True to deliver; false when the message expired or goes to the dead-letter queue (it is removed here).</summary>
    private bool Route(SqsMessage m, long now, long retentionMs, int maxReceiveCount, List<SqsMessage> expired, List<SqsMessage> dead)
    {
        if (m.SentMs + retentionMs <= now)
        {
            Remove(m);
            expired.Add(m);
            return false;
        }

        if (maxReceiveCount > 0 && m.ReceiveCount >= maxReceiveCount)
        {
            Remove(m);
            dead.Add(m);
            return false;
        }

        return true;
    }

    private void Deliver(SqsMessage m, long now, long visibilityMs, long nonce, List<SqsMessage> taken)
    {
        ReadyCount--;
        InFlightCount++;
        m.State = SqsMessageState.InFlight;
        m.ReceiveCount++;
        if (m.FirstReceiveMs == 0)
            m.FirstReceiveMs = now;
        m.VisibleAtMs = now + visibilityMs;
        m.ReceiptNonce = nonce;
        if (m.Group is { } g)
            g.InFlight++;
        _pending.Enqueue(m, m.VisibleAtMs);
        taken.Add(m);
    }

    /// <summary>A received message's visibility timeout starts over from now.</summary>
    public void ChangeVisibility(SqsMessage m, long visibleAtMs)
    {
        m.VisibleAtMs = visibleAtMs;
        _pending.Enqueue(m, visibleAtMs);
    }

    /// <summary>Removes a message from the queue (deleted, expired, purged or dead-lettered).</summary>
    public void Remove(SqsMessage m)
    {
        switch (m.State)
        {
            case SqsMessageState.Ready:
                ReadyCount--;
                break;
            case SqsMessageState.InFlight:
                InFlightCount--;
                if (m.Group is { } inFlightGroup)
                    inFlightGroup.InFlight--;
                break;
            case SqsMessageState.Delayed:
                DelayedCount--;
                break;
            default:
                return;
        }

        m.State = SqsMessageState.Gone;
        _messages.Remove(m.Seq);
        if (m.Group is { } g && m.GroupNode is { } node)
        {
            g.Messages.Remove(node);
            m.GroupNode = null;
            m.Group = null;
            if (g.Messages.Count == 0)
            {
                _groups.Remove(g.Id);
                if (g.ActiveNode is { } active)
                    _activeGroups.Remove(active);
                g.ActiveNode = null;
            }
        }
    }

    /// <summary>Removes every message; returns them.</summary>
    public List<SqsMessage> Purge()
    {
        var all = _messages.Values.ToList();
        foreach (var m in all)
            Remove(m);
        _ready.Clear();
        _pending.Clear();
        return all;
    }

    /// <summary>Removes messages older than the retention period; a full pass only when the oldest one may have expired.</summary>
    public void SweepExpired(long now, List<SqsMessage> expired)
    {
        if (now < _retentionCheckMs)
            return;
        var retentionMs = Attributes.MessageRetentionPeriod * 1000L;
        var oldest = long.MaxValue;
        var start = expired.Count;
        foreach (var m in _messages.Values)
        {
            if (m.SentMs + retentionMs <= now)
                expired.Add(m);
            else
                oldest = Math.Min(oldest, m.SentMs);
        }

        for (var i = start; i < expired.Count; i++)
            Remove(expired[i]);
        _retentionCheckMs = oldest == long.MaxValue ? long.MaxValue : oldest + retentionMs;
    }

    private void MakeReady(SqsMessage m)
    {
        m.State = SqsMessageState.Ready;
        ReadyCount++;
        if (!IsFifo)
            _ready.Enqueue(m);
    }

    // ---- FIFO deduplication ----

    public bool TryGetDuplicate(string deduplicationId, long now, out DedupEntry entry)
    {
        while (_dedupOrder.TryPeek(out var head) && head.ExpiresMs <= now)
        {
            _dedupOrder.Dequeue();
            if (_dedup.TryGetValue(head.Id, out var e) && e.ExpiresMs <= now)
                _dedup.Remove(head.Id);
        }

        return _dedup.TryGetValue(deduplicationId, out entry) && entry.ExpiresMs > now;
    }

    public void RememberDeduplication(string deduplicationId, DedupEntry entry)
    {
        _dedup[deduplicationId] = entry;
        _dedupOrder.Enqueue((deduplicationId, entry.ExpiresMs));
    }

    public void ForgetDeduplication(string deduplicationId) => _dedup.Remove(deduplicationId);

    // ---- long polling ----

    public LinkedListNode<TaskCompletionSource<bool>> AddWaiter() =>
        _waiters.AddLast(new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void RemoveWaiter(LinkedListNode<TaskCompletionSource<bool>> node)
    {
        if (node.List is not null)
            _waiters.Remove(node);
    }

    /// <summary>Wakes up to <paramref name="count"/> waiting receives (all when negative).</summary>
    public void Wake(int count)
    {
        while ((count < 0 || count-- > 0) && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            first.Value.TrySetResult(true);
        }
    }
}
