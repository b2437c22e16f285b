namespace Quickstep.Storage;

/// <summary>
/// A message queue store that several nodes share (PostgreSQL): the SQS service then keeps no messages in memory and
/// sends, receives, deletes and visibility changes go through these operations, each atomic across nodes.
/// </summary>
public interface ISharedMessageQueueStore : IMessageQueueStore
{
    /// <summary>Sequence numbers unique across every node, for messages about to be added.</summary>
    Task<IReadOnlyList<long>> ReserveSeqsAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores FIFO messages of one queue (distinct <see cref="StoredMessageRecord.DeduplicationId"/>s) unless their
    /// deduplication id was stored in that queue, by any node, less than <paramref name="windowMs"/> before
    /// <paramref name="nowMs"/>: one result per message, null when it was stored, else the first send it repeats.
    /// </summary>
    Task<IReadOnlyList<FirstSend?>> AddDeduplicatedAsync(IReadOnlyList<StoredMessageRecord> messages, long nowMs, long windowMs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Receives up to <paramref name="max"/> visible messages for this caller alone (receive count raised, hidden until
    /// <paramref name="nowMs"/> + <paramref name="visibilityMs"/>); with <paramref name="redrive"/>, messages past the limit
    /// move to the dead-letter queue instead; <paramref name="fifo"/>: in group order, from groups with nothing in flight.
    /// </summary>
    Task<IReadOnlyList<StoredMessageRecord>> ReceiveAsync(string queue, int max, long nowMs, long visibilityMs, bool fifo, MessageRedrive? redrive, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message unless a later receive took it since (<paramref name="receiveCount"/> is its receive's count).</summary>
    Task<bool> DeleteReceivedAsync(long seq, int receiveCount, CancellationToken cancellationToken = default);

    /// <summary>Changes when a received message is visible again unless a later receive took it since.</summary>
    Task<bool> ChangeVisibilityAsync(long seq, int receiveCount, long visibleAtMs, long nowMs, CancellationToken cancellationToken = default);

    /// <summary>Deletes every message of a queue.</summary>
    Task PurgeAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>Deletes the messages of a queue sent before <paramref name="sentBeforeMs"/> (retention).</summary>
    Task DeleteExpiredAsync(string queue, long sentBeforeMs, CancellationToken cancellationToken = default);

    /// <summary>How many messages of a queue are visible, in flight (received, hidden) and delayed (never received, hidden) at <paramref name="nowMs"/>.</summary>
    Task<MessageCounts> CountAsync(string queue, long nowMs, CancellationToken cancellationToken = default);
}
