using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Sqs;

/// <summary>
/// Shared mode: the store (<see cref="ISharedMessageQueueStore"/>, PostgreSQL) is shared by several nodes, so no node
/// keeps messages in memory. Sends number messages with the store's sequence, receives claim them in the store (one
/// receiver per message, receive count and dead-letter moves in the same statement, FIFO groups closed while any of
/// their messages is in flight), FIFO deduplication ids are claimed in the store, deletes and visibility changes are
/// checked against the receive they name. Queues are read from the store again at most <see cref="CatalogTtlMs"/>
/// after the last read, and at once when a request names a queue this node does not know. Long polls wake on the
/// store's send notifications from any node, and look again at least every <see cref="SharedRecheckMs"/> (messages
/// that become visible when a visibility timeout or delay ends send no notification).
/// </summary>
public sealed partial class SqsService
{
    private const long CatalogTtlMs = 1_000;
    private const long SharedRecheckMs = 1_000;
    private const long ExpirySweepMs = 1_000;

    private readonly Dictionary<string, long> _lastSweep = new(StringComparer.Ordinal);
    private IDisposable? _sendSubscription;
    private long _catalogReadMs = long.MinValue;

    private async Task StartSharedAsync(CancellationToken cancellationToken)
    {
        // Wake this node's long polls whenever any node stores messages in (or moves dead letters to) a queue.
        _sendSubscription = _shared!.SubscribeToSends(name =>
        {
            if (_queues.TryGetValue(name, out var q))
            {
                lock (q.Gate)
                    q.Wake(-1);
            }
        });
        await RefreshQueuesAsync(force: true, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<JValue> InvokeSharedAsync(string operation, JObject input, CancellationToken cancellationToken)
    {
        // A queue another node created is read at once; other changes within CatalogTtlMs.
        var named = SqsInput.Optional(input, "QueueUrl") ?? SqsInput.Optional(input, "QueueName");
        var force = operation == "CreateQueue" || (named is not null && TryResolve(named) is null);
        await RefreshQueuesAsync(force, cancellationToken).ConfigureAwait(false);
        return await Dispatch(operation, input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the queues from the shared store when the last read is older than <see cref="CatalogTtlMs"/> (or when forced).</summary>
    private async Task RefreshQueuesAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && NowMs - Volatile.Read(ref _catalogReadMs) < CatalogTtlMs)
            return;
        var asked = NowMs;
        await _catalog.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request read them while this one waited.
            if (Volatile.Read(ref _catalogReadMs) >= asked)
                return;
            var read = NowMs;
            var records = await _shared!.LoadQueuesAsync(cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in records)
            {
                seen.Add(r.Name);
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in (JObject)JsonText.Parse(r.TagsJson))
                    tags[k] = ((JString)v).Value;
                if (_queues.TryGetValue(r.Name, out var known) && known.CreatedMs == r.CreatedMs)
                {
                    if (known.ModifiedMs == r.ModifiedMs)
                        continue;
                    lock (known.Gate)
                    {
                        known.SetAttributes(SqsQueueAttributes.FromJson(r.AttributesJson));
                        known.ModifiedMs = r.ModifiedMs;
                        known.Tags.Clear();
                        foreach (var (k, v) in tags)
                            known.Tags[k] = v;
                    }

                    continue;
                }

                if (known is not null)
                    Forget(known);
                _queues[r.Name] = new SqsQueue(r.Name, ArnOf(r.Name), SqsQueueAttributes.FromJson(r.AttributesJson), tags, r.CreatedMs, r.ModifiedMs);
            }

            foreach (var (name, q) in _queues)
            {
                if (!seen.Contains(name))
                    Forget(q);
            }

            Volatile.Write(ref _catalogReadMs, read);
        }
        finally
        {
            _catalog.Release();
        }

        void Forget(SqsQueue gone)
        {
            // Another node deleted (or deleted and created again) the queue: its long polls end.
            lock (gone.Gate)
            {
                gone.Deleted = true;
                gone.Wake(-1);
            }

            _queues.TryRemove(new KeyValuePair<string, SqsQueue>(gone.Name, gone));
        }
    }

    /// <summary>Numbers for <paramref name="count"/> messages from a shared store; null when this node numbers its own.</summary>
    private async ValueTask<IReadOnlyList<long>?> ReserveAsync(int count, CancellationToken cancellationToken) =>
        _shared is null ? null : await _shared.ReserveSeqsAsync(count, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Stores FIFO sends deduplicated in the shared store, so that an id sent through any node within five minutes is
    /// a repeat everywhere; a repeat inside the batch answers with the first entry of its id.
    /// </summary>
    private static async Task CommitSharedFifoAsync(ISharedMessageQueueStore shared, PendingSend[] sends, long now, CancellationToken cancellationToken)
    {
        var firsts = new Dictionary<string, PendingSend>(StringComparer.Ordinal);
        var unique = new List<PendingSend>(sends.Length);
        foreach (var s in sends)
        {
            if (firsts.TryAdd(s.Message.DeduplicationId!, s))
                unique.Add(s);
        }

        var results = await shared.AddDeduplicatedAsync([.. unique.Select(s => s.Record)], now, DedupIntervalMs, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < unique.Count; i++)
        {
            if (results[i] is { } first)
                unique[i].Duplicate = new DedupEntry(first.MessageId, first.SequenceNumber, now + DedupIntervalMs);
        }

        foreach (var s in sends)
        {
            var first = firsts[s.Message.DeduplicationId!];
            if (!ReferenceEquals(first, s))
                s.Duplicate = first.Duplicate ?? new DedupEntry(first.Message.MessageId, first.Message.SequenceNumber, now + DedupIntervalMs);
        }
    }

    private async ValueTask<JValue> GetQueueAttributesSharedAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        await SweepExpiredAsync(_shared!, queue, NowMs, cancellationToken).ConfigureAwait(false);
        var counts = await _shared!.CountAsync(queue.Name, NowMs, cancellationToken).ConfigureAwait(false);
        return GetQueueAttributes(input, counts);
    }

    /// <summary>Deletes the queue's messages past their retention period, at most every <see cref="ExpirySweepMs"/> per queue on this node.</summary>
    private async Task SweepExpiredAsync(ISharedMessageQueueStore shared, SqsQueue queue, long now, CancellationToken cancellationToken)
    {
        lock (_lastSweep)
        {
            if (_lastSweep.TryGetValue(queue.Name, out var last) && now - last < ExpirySweepMs)
                return;
            _lastSweep[queue.Name] = now;
        }

        await shared.DeleteExpiredAsync(queue.Name, now - (queue.Attributes.MessageRetentionPeriod * 1000L), cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<Received>> ReceiveSharedAsync(ISharedMessageQueueStore shared, SqsQueue queue, int max, int? visibility, int? wait, CancellationToken cancellationToken)
    {
        var deadline = NowMs + ((wait ?? queue.Attributes.ReceiveMessageWaitTimeSeconds) * 1000L);
        var result = new List<Received>(max);
        while (true)
        {
            var now = NowMs;
            LinkedListNode<TaskCompletionSource<bool>>? waiter = null;
            lock (queue.Gate)
            {
                if (queue.Deleted)
                    return result;
                // Listen before looking, so a send committed between the look and the wait still wakes this receive.
                if (now < deadline)
                    waiter = queue.AddWaiter();
            }

            try
            {
                var qa = queue.Attributes;
                MessageRedrive? redrive = null;
                if (qa.DeadLetterTargetArn is { } dlq && TryResolve(dlq) is { } deadLetter)
                    redrive = new MessageRedrive(deadLetter.Name, queue.Arn, qa.MaxReceiveCount);
                await SweepExpiredAsync(shared, queue, now, cancellationToken).ConfigureAwait(false);
                var got = await shared.ReceiveAsync(queue.Name, max, now, (visibility ?? qa.VisibilityTimeout) * 1000L, queue.IsFifo, redrive, cancellationToken).ConfigureAwait(false);
                foreach (var r in got)
                    result.Add(new Received(Restore(r), ReceiptHandle.Create(r.Seq, r.ReceiveCount), r.ReceiveCount, r.FirstReceiveMs));
                if (result.Count > 0 || waiter is null)
                    return result;
                // Look again at least every SharedRecheckMs: a message may become visible without a notification.
                if (!await WaitForMessagesAsync(queue, waiter, Math.Min(deadline, now + SharedRecheckMs) - now, cancellationToken).ConfigureAwait(false))
                    return result;
            }
            finally
            {
                // Stop listening when the look failed or found messages (the wait already did when it ran).
                if (waiter is not null)
                {
                    lock (queue.Gate)
                        queue.RemoveWaiter(waiter);
                }
            }
        }
    }

    /// <summary>
    /// Deletes the message of the receive the handle names (its nonce is the receive's count); a handle of an earlier
    /// receive, or of a message already gone, succeeds without deleting anything, as SQS does.
    /// </summary>
    private static async Task DeleteSharedAsync(ISharedMessageQueueStore shared, string handle, CancellationToken cancellationToken)
    {
        if (!ReceiptHandle.TryParse(handle, out var seq, out var receiveCount) || receiveCount is <= 0 or > int.MaxValue)
            throw SqsErrors.ReceiptHandleIsInvalid(handle);
        await shared.DeleteReceivedAsync(seq, (int)receiveCount, cancellationToken).ConfigureAwait(false);
    }

    private async Task ChangeVisibilitySharedAsync(ISharedMessageQueueStore shared, string handle, int timeout, CancellationToken cancellationToken)
    {
        if (timeout is < 0 or > 43_200)
            throw SqsErrors.InvalidParameter("VisibilityTimeout", Str(timeout), "Must be between 0 and 43200, if provided.");
        if (!ReceiptHandle.TryParse(handle, out var seq, out var receiveCount) || receiveCount is <= 0 or > int.MaxValue)
            throw SqsErrors.ReceiptHandleIsInvalid(handle);
        var now = NowMs;
        if (!await shared.ChangeVisibilityAsync(seq, (int)receiveCount, now + (timeout * 1000L), now, cancellationToken).ConfigureAwait(false))
            throw SqsErrors.InvalidParameter("ReceiptHandle", handle, "Message does not exist or is not available for visibility timeout change.");
    }
}
