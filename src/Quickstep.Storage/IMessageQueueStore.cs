namespace Quickstep.Storage;

/// <summary>
/// Durable queues and their messages (the SQS service's state). The service keeps the hot state (what is
/// visible, in flight, delayed) in memory and loads everything once at start; this store only records it.
/// Methods named <c>…Async</c> complete after the commit; <c>Record…</c>/<c>Forget…</c> are written behind
/// (they commit with the next batch; the task completes at once unless the writer is far behind), because
/// losing one of them in a crash only delivers a message again, which at-least-once delivery allows.
/// </summary>
public interface IMessageQueueStore
{
    Task<IReadOnlyList<MessageQueueRecord>> LoadQueuesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every stored message of every queue, in <see cref="StoredMessageRecord.Seq"/> order.</summary>
    Task<IReadOnlyList<StoredMessageRecord>> LoadMessagesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a queue's attributes and tags.</summary>
    Task SaveQueueAsync(MessageQueueRecord queue, CancellationToken cancellationToken = default);

    /// <summary>Deletes a queue and the messages it holds (<paramref name="messageSeqs"/>).</summary>
    Task DeleteQueueAsync(string name, IReadOnlyCollection<long> messageSeqs, CancellationToken cancellationToken = default);

    /// <summary>Stores new messages; completes after the commit (an accepted message survives a crash).</summary>
    Task AddMessagesAsync(IReadOnlyList<StoredMessageRecord> messages, CancellationToken cancellationToken = default);

    /// <summary>Records receives, visibility changes and moves to a dead-letter queue (written behind).</summary>
    Task RecordStatesAsync(IReadOnlyList<MessageStateRecord> states);

    /// <summary>Deletes messages by sequence number (written behind).</summary>
    Task ForgetMessagesAsync(IReadOnlyList<long> seqs);

    /// <summary>Completes once everything written behind before the call is committed.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onSent"/> with a queue's name whenever any node sharing this store stored messages in that queue,
    /// until the result is disposed, so that a long poll waiting on one node wakes for a message another node accepted.
    /// A store no other process writes (SQLite) never calls it: the service wakes its own waiters.
    /// </summary>
    IDisposable SubscribeToSends(Action<string> onSent);
}
