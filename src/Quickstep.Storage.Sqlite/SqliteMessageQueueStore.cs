using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// Queues and messages in the same SQLite database as executions, written through the store's one writer
/// (group commit). Messages are keyed by their global sequence number, so a receive, a delete or a move to a
/// dead-letter queue touches one row by its key; nothing here scans a table except the load at start.
/// </summary>
public sealed class SqliteMessageQueueStore : IMessageQueueStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sqs_queues(
            name TEXT PRIMARY KEY, attributes TEXT NOT NULL, tags TEXT NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS sqs_messages(
            seq INTEGER PRIMARY KEY, queue TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT, trace_header TEXT,
            sent INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL, first_receive INTEGER NOT NULL,
            group_id TEXT, dedup_id TEXT, sequence_number TEXT, source_arn TEXT);
        """;

    private const string InsertMessage = """
        INSERT INTO sqs_messages(seq,queue,id,body,attributes,trace_header,sent,visible_at,receive_count,first_receive,group_id,dedup_id,sequence_number,source_arn)
        VALUES($s,$q,$id,$b,$a,$t,$sent,$v,$rc,$fr,$g,$d,$sn,$src)
        """;

    private const string UpdateState = "UPDATE sqs_messages SET queue=$q, visible_at=$v, receive_count=$rc, first_receive=$fr, source_arn=$src WHERE seq=$s";

    private const string DeleteMessage = "DELETE FROM sqs_messages WHERE seq=$s";

    private readonly SqliteStore _store;

    /// <param name="store">An initialized store; this one shares its database and writer.</param>
    public SqliteMessageQueueStore(SqliteStore store) => _store = store;

    /// <summary>Creates the tables when missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = Schema;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MessageQueueRecord>> LoadQueuesAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.ReadManyAsync($"SELECT {ServiceRows.MessageQueueColumns} FROM sqs_queues ORDER BY name", ServiceRows.MessageQueue, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<StoredMessageRecord>> LoadMessagesAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.ReadManyAsync($"SELECT {ServiceRows.MessageColumns} FROM sqs_messages ORDER BY seq", ServiceRows.Message, cancellationToken).ConfigureAwait(false);

    public Task SaveQueueAsync(MessageQueueRecord queue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return _store.Writer.WriteAsync(w => w.Exec("""
            INSERT INTO sqs_queues(name,attributes,tags,created,modified) VALUES($n,$a,$t,$c,$m)
            ON CONFLICT(name) DO UPDATE SET attributes=excluded.attributes, tags=excluded.tags, created=excluded.created, modified=excluded.modified
            """, ("$n", queue.Name), ("$a", queue.AttributesJson), ("$t", queue.TagsJson), ("$c", queue.CreatedMs), ("$m", queue.ModifiedMs)), cancellationToken);
    }

    public Task DeleteQueueAsync(string name, IReadOnlyCollection<long> messageSeqs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageSeqs);
        var seqs = messageSeqs.ToArray();
        return _store.Writer.WriteAsync(w =>
        {
            w.Exec("DELETE FROM sqs_queues WHERE name=$n", ("$n", name));
            foreach (var s in seqs)
                w.Exec(DeleteMessage, ("$s", s));
            return true;
        }, cancellationToken);
    }

    public Task AddMessagesAsync(IReadOnlyList<StoredMessageRecord> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // Committed before the task completes (a sent message is durable), on the caller's thread when the writer is idle.
        return _store.Writer.WriteNowOrQueueAsync(w =>
        {
            foreach (var m in messages)
            {
                w.Exec(InsertMessage,
                    ("$s", m.Seq), ("$q", m.Queue), ("$id", m.MessageId), ("$b", m.Body), ("$a", m.AttributesJson), ("$t", m.TraceHeader),
                    ("$sent", m.SentMs), ("$v", m.VisibleAtMs), ("$rc", m.ReceiveCount), ("$fr", m.FirstReceiveMs), ("$g", m.GroupId),
                    ("$d", m.DeduplicationId), ("$sn", m.SequenceNumber), ("$src", m.SourceQueueArn));
            }

            return true;
        }, cancellationToken);
    }

    public Task RecordStatesAsync(IReadOnlyList<MessageStateRecord> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        return _store.Writer.WriteBehind(w =>
        {
            foreach (var s in states)
                w.Exec(UpdateState, ("$q", s.Queue), ("$v", s.VisibleAtMs), ("$rc", s.ReceiveCount), ("$fr", s.FirstReceiveMs), ("$src", s.SourceQueueArn), ("$s", s.Seq));
        }, IgnoreFailure);
    }

    public Task ForgetMessagesAsync(IReadOnlyList<long> seqs)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        return _store.Writer.WriteBehind(w =>
        {
            foreach (var s in seqs)
                w.Exec(DeleteMessage, ("$s", s));
        }, IgnoreFailure);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => _store.Writer.FlushAsync(cancellationToken);

    /// <summary>Only this process writes the file, so there are no other nodes' sends to report: the registration does nothing.</summary>
    public IDisposable SubscribeToSends(Action<string> onSent) => default(CancellationTokenRegistration);

    // A lost state change or delete only makes a message visible again after a restart (at-least-once delivery).
    private static void IgnoreFailure(Exception e)
    {
    }
}
