using Npgsql;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// SQS queues and messages in PostgreSQL, shared by every node. Besides recording what the SQS service keeps in
/// memory (<see cref="IMessageQueueStore"/>), it offers the operations a cluster receives through, each atomic
/// across nodes: <see cref="ReceiveAsync"/> hands a visible message to one receiver only (row claims with
/// <c>FOR UPDATE SKIP LOCKED</c>, hidden for the visibility timeout, receive count raised in the same statement),
/// moves messages past the redrive limit to the dead-letter queue exactly once, and never hands out a FIFO
/// message while a message of its group is in flight; <see cref="AddDeduplicatedAsync"/> deduplicates FIFO sends
/// across nodes. A send notifies every node (LISTEN/NOTIFY through <see cref="PostgresNotifications"/>), so long
/// polls wake wherever they wait. Writes complete after their
/// commit (nothing is written behind), so <see cref="FlushAsync"/> has nothing to wait for.
/// </summary>
public sealed class PostgresMessageQueueStore : ISharedMessageQueueStore, IAsyncDisposable
{
    /// <summary>The notification topic of sends; the name is the queue's.</summary>
    public const string SendTopic = "sqs";

    private const string MessageColumns = ServiceRows.MessageColumns;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sqs_queues(
            name text COLLATE "C" PRIMARY KEY, attributes text NOT NULL, tags text NOT NULL, created bigint NOT NULL, modified bigint NOT NULL);
        CREATE TABLE sqs_messages(
            seq bigint PRIMARY KEY, queue text COLLATE "C" NOT NULL, id text NOT NULL, body text NOT NULL, attributes text, trace_header text,
            sent bigint NOT NULL, visible_at bigint NOT NULL, receive_count integer NOT NULL, first_receive bigint NOT NULL,
            group_id text COLLATE "C", dedup_id text, sequence_number text, source_arn text);
        CREATE INDEX ix_sqs_messages_queue ON sqs_messages(queue, seq);
        CREATE SEQUENCE sqs_seq;
        """,
        // FIFO deduplication ids, shared by every node: one row per queue and id until it expires (five minutes after its send).
        """
        CREATE TABLE sqs_dedup(
            queue text COLLATE "C" NOT NULL, dedup_id text COLLATE "C" NOT NULL, message_id text NOT NULL, sequence_number text, expires bigint NOT NULL,
            PRIMARY KEY(queue, dedup_id));
        CREATE INDEX ix_sqs_dedup_expires ON sqs_dedup(queue, expires);
        """,
    ];

    private readonly PostgresDatabase _db;
    private readonly PostgresNotifications _notifications;
    private readonly bool _ownsNotifications;

    /// <param name="database">The shared database.</param>
    /// <param name="notifications">The database's listener, shared with other stores; null: this store starts its own.</param>
    public PostgresMessageQueueStore(PostgresDatabase database, PostgresNotifications? notifications = null)
    {
        _db = database ?? throw new ArgumentNullException(nameof(database));
        _ownsNotifications = notifications is null;
        _notifications = notifications ?? new PostgresNotifications(database);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _db.MigrateAsync("sqs", Migrations, cancellationToken).ConfigureAwait(false);
        // Messages stored with the service's own numbers (one node) stay below every number reserved from now on.
        await PgSql.ExecAsync(_db, "SELECT setval('sqs_seq', m) FROM (SELECT max(seq) m FROM sqs_messages) x WHERE m > (SELECT last_value FROM sqs_seq)",
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MessageQueueRecord>> LoadQueuesAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {ServiceRows.MessageQueueColumns} FROM sqs_queues ORDER BY name", ServiceRows.MessageQueue, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<StoredMessageRecord>> LoadMessagesAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {MessageColumns} FROM sqs_messages ORDER BY seq", ServiceRows.Message, cancellationToken).ConfigureAwait(false);

    public Task SaveQueueAsync(MessageQueueRecord queue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return PgSql.ExecAsync(_db, """
            INSERT INTO sqs_queues(name,attributes,tags,created,modified) VALUES(@n,@a,@t,@c,@m)
            ON CONFLICT(name) DO UPDATE SET attributes=excluded.attributes, tags=excluded.tags, created=excluded.created, modified=excluded.modified
            """, cancellationToken, ("n", queue.Name), ("a", queue.AttributesJson), ("t", queue.TagsJson), ("c", queue.CreatedMs), ("m", queue.ModifiedMs));
    }

    /// <summary>Deletes the queue, the messages named and whatever other node stored in it meanwhile.</summary>
    public Task DeleteQueueAsync(string name, IReadOnlyCollection<long> messageSeqs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageSeqs);
        return PgSql.ExecAsync(_db, "DELETE FROM sqs_messages WHERE queue=@n OR seq = ANY(@s); DELETE FROM sqs_dedup WHERE queue=@n; DELETE FROM sqs_queues WHERE name=@n",
            cancellationToken, ("n", name), ("s", messageSeqs.ToArray()));
    }

    /// <summary>Stores the messages and notifies every node of their queues, in one transaction.</summary>
    public Task AddMessagesAsync(IReadOnlyList<StoredMessageRecord> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
            return Task.CompletedTask;
        return PgSql.InTransactionAsync(_db, async (c, t) =>
        {
            await InsertAsync(c, t, messages, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Stores the FIFO messages of one queue whose deduplication id no node stored there within the window, and
    /// remembers those ids (<c>sqs_dedup</c>), in one transaction: a concurrent send of the same id on another node
    /// waits for this one's commit on the id's row and then finds it taken.
    /// </summary>
    public Task<IReadOnlyList<FirstSend?>> AddDeduplicatedAsync(IReadOnlyList<StoredMessageRecord> messages, long nowMs, long windowMs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
            return Task.FromResult<IReadOnlyList<FirstSend?>>([]);
        var queue = messages[0].Queue;
        var ids = messages.Select(m => m.DeduplicationId ?? throw new ArgumentException("A FIFO message needs a deduplication id.", nameof(messages))).ToArray();
        if (messages.Any(m => m.Queue != queue) || ids.Distinct(StringComparer.Ordinal).Count() != ids.Length)
            throw new ArgumentException("The messages must be of one queue, with distinct deduplication ids.", nameof(messages));
        return PgSql.InTransactionAsync<IReadOnlyList<FirstSend?>>(_db, async (c, t) =>
        {
            // Claims each id unless another send holds it unexpired (that row is then locked and left as it is); ids in
            // one order everywhere, so two batches that share ids wait for each other instead of deadlocking.
            var order = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i], StringComparer.Ordinal).ToArray();
            var claimed = (await PgSql.QueryAsync(c, t, """
                INSERT INTO sqs_dedup(queue,dedup_id,message_id,sequence_number,expires)
                SELECT @q, d, m, s, @exp FROM unnest(@d::text[], @m::text[], @s::text[]) AS x(d, m, s)
                ON CONFLICT(queue,dedup_id) DO UPDATE SET message_id=excluded.message_id, sequence_number=excluded.sequence_number, expires=excluded.expires
                WHERE sqs_dedup.expires<=@now
                RETURNING dedup_id
                """, r => r.GetString(0), cancellationToken, ("q", queue), ("d", order.Select(i => ids[i]).ToArray()), ("m", order.Select(i => messages[i].MessageId).ToArray()),
                ("s", order.Select(i => messages[i].SequenceNumber).ToArray()), ("exp", nowMs + windowMs), ("now", nowMs)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var first = new Dictionary<string, FirstSend>(StringComparer.Ordinal);
            var repeated = ids.Where(d => !claimed.Contains(d)).ToArray();
            if (repeated.Length > 0)
            {
                foreach (var (d, f) in await PgSql.QueryAsync(c, t, "SELECT dedup_id,message_id,sequence_number FROM sqs_dedup WHERE queue=@q AND dedup_id=ANY(@d)",
                    r => (r.GetString(0), new FirstSend(r.GetString(1), PgSql.NullableString(r, 2))), cancellationToken, ("q", queue), ("d", repeated)).ConfigureAwait(false))
                    first[d] = f;
            }

            var fresh = messages.Where(m => claimed.Contains(m.DeduplicationId!)).ToList();
            if (fresh.Count > 0)
                await InsertAsync(c, t, fresh, cancellationToken).ConfigureAwait(false);
            return [.. ids.Select(d => claimed.Contains(d) ? null : first[d])];
        }, cancellationToken);
    }

    /// <summary>Inserts messages and notifies every node of their queues (delivered at the commit).</summary>
    private static async Task InsertAsync(NpgsqlConnection c, NpgsqlTransaction t, IReadOnlyList<StoredMessageRecord> messages, CancellationToken cancellationToken)
    {
        await PgSql.ExecAsync(c, t, $"""
            INSERT INTO sqs_messages({MessageColumns})
            SELECT * FROM unnest(@s::bigint[], @q::text[], @id::text[], @b::text[], @a::text[], @t::text[], @sent::bigint[], @v::bigint[],
                                 @rc::integer[], @fr::bigint[], @g::text[], @d::text[], @sn::text[], @src::text[])
            """, cancellationToken,
            ("s", messages.Select(m => m.Seq).ToArray()), ("q", messages.Select(m => m.Queue).ToArray()), ("id", messages.Select(m => m.MessageId).ToArray()),
            ("b", messages.Select(m => m.Body).ToArray()), ("a", messages.Select(m => m.AttributesJson).ToArray()), ("t", messages.Select(m => m.TraceHeader).ToArray()),
            ("sent", messages.Select(m => m.SentMs).ToArray()), ("v", messages.Select(m => m.VisibleAtMs).ToArray()), ("rc", messages.Select(m => m.ReceiveCount).ToArray()),
            ("fr", messages.Select(m => m.FirstReceiveMs).ToArray()), ("g", messages.Select(m => m.GroupId).ToArray()), ("d", messages.Select(m => m.DeduplicationId).ToArray()),
            ("sn", messages.Select(m => m.SequenceNumber).ToArray()), ("src", messages.Select(m => m.SourceQueueArn).ToArray())).ConfigureAwait(false);
        foreach (var queue in messages.Select(m => m.Queue).Distinct(StringComparer.Ordinal))
            await NotifyAsync(c, t, queue, cancellationToken).ConfigureAwait(false);
    }

    public Task RecordStatesAsync(IReadOnlyList<MessageStateRecord> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
            return Task.CompletedTask;
        return PgSql.ExecAsync(_db, """
            UPDATE sqs_messages m SET queue=s.q, visible_at=s.v, receive_count=s.rc, first_receive=s.fr, source_arn=s.src
            FROM unnest(@s::bigint[], @q::text[], @v::bigint[], @rc::integer[], @fr::bigint[], @src::text[]) AS s(seq, q, v, rc, fr, src)
            WHERE m.seq=s.seq
            """, CancellationToken.None,
            ("s", states.Select(x => x.Seq).ToArray()), ("q", states.Select(x => x.Queue).ToArray()), ("v", states.Select(x => x.VisibleAtMs).ToArray()),
            ("rc", states.Select(x => x.ReceiveCount).ToArray()), ("fr", states.Select(x => x.FirstReceiveMs).ToArray()), ("src", states.Select(x => x.SourceQueueArn).ToArray()));
    }

    public Task ForgetMessagesAsync(IReadOnlyList<long> seqs)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        return seqs.Count == 0 ? Task.CompletedTask : PgSql.ExecAsync(_db, "DELETE FROM sqs_messages WHERE seq = ANY(@s)", CancellationToken.None, ("s", seqs.ToArray()));
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Sends stored by any node (this one included) and moves to a dead-letter queue, by queue name (LISTEN/NOTIFY).</summary>
    public IDisposable SubscribeToSends(Action<string> onSent) => _notifications.Subscribe(SendTopic, onSent);

    /// <summary>Completes once this node listens for sends (a send committed after this reaches <see cref="SubscribeToSends"/>).</summary>
    public Task Listening => _notifications.Listening;

    /// <summary>Sequence numbers unique across every node, for messages about to be added.</summary>
    public async Task<IReadOnlyList<long>> ReserveSeqsAsync(int count, CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, "SELECT nextval('sqs_seq') FROM generate_series(1, @n)", r => r.GetInt64(0), cancellationToken, ("n", count)).ConfigureAwait(false);

    /// <summary>
    /// Receives up to <paramref name="max"/> messages of <paramref name="queue"/> visible at <paramref name="nowMs"/> for this
    /// caller alone: each comes back with its receive count raised (and its first receive set), hidden from every node
    /// until <paramref name="nowMs"/> + <paramref name="visibilityMs"/>. With <paramref name="redrive"/>, a visible message
    /// already received <see cref="PostgresRedrive.MaxReceiveCount"/> times moves to the dead-letter queue instead.
    /// <paramref name="fifo"/>: messages in order of their group, from groups with nothing in flight only.
    /// </summary>
    public Task<IReadOnlyList<StoredMessageRecord>> ReceiveAsync(string queue, int max, long nowMs, long visibilityMs, bool fifo, PostgresRedrive? redrive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return PgSql.InTransactionAsync<IReadOnlyList<StoredMessageRecord>>(_db, async (c, t) =>
        {
            if (fifo)
            {
                // FIFO receives of one queue take turns across nodes: a group's state (in flight or not) is read and
                // changed as one step, so two receivers never both see a group free. The lock ends with the transaction.
                await PgSql.ExecAsync(c, t, "SELECT pg_advisory_xact_lock(hashtext('quickstep.sqs.fifo:' || @q))", cancellationToken, ("q", queue)).ConfigureAwait(false);
            }

            var maxReceiveCount = int.MaxValue;
            if (redrive is not null)
            {
                maxReceiveCount = redrive.MaxReceiveCount;
                var moved = await PgSql.ExecAsync(c, t, """
                    WITH dead AS (
                        SELECT seq FROM sqs_messages WHERE queue=@q AND visible_at<=@now AND receive_count>=@max
                        ORDER BY seq LIMIT 100 FOR UPDATE SKIP LOCKED)
                    UPDATE sqs_messages m SET queue=@dlq, source_arn=@src, visible_at=@now FROM dead WHERE m.seq=dead.seq
                    """, cancellationToken, ("q", queue), ("now", nowMs), ("max", maxReceiveCount), ("dlq", redrive.DeadLetterQueue), ("src", redrive.SourceQueueArn)).ConfigureAwait(false);
                if (moved > 0)
                    await NotifyAsync(c, t, redrive.DeadLetterQueue, cancellationToken).ConfigureAwait(false);
            }

            // A FIFO group is closed while any of its messages is in flight (also a later one: one receive may hand out
            // several of a group, and the first may come back first), and a message waits for every earlier one of its group.
            var candidates = fifo
                ? """
                  SELECT seq FROM sqs_messages m WHERE queue=@q AND visible_at<=@now AND receive_count<@max
                      AND NOT EXISTS (SELECT 1 FROM sqs_messages f WHERE f.queue=@q AND f.group_id IS NOT DISTINCT FROM m.group_id
                                      AND ((f.receive_count>0 AND f.visible_at>@now)
                                           OR (f.seq<m.seq AND (f.visible_at>@now OR f.receive_count>=@max))))
                  ORDER BY seq LIMIT @n FOR UPDATE
                  """
                : "SELECT seq FROM sqs_messages WHERE queue=@q AND visible_at<=@now AND receive_count<@max ORDER BY seq LIMIT @n FOR UPDATE SKIP LOCKED";
            var list = await PgSql.QueryAsync(c, t, $"""
                WITH picked AS ({candidates})
                UPDATE sqs_messages m SET visible_at=@until, receive_count=m.receive_count+1,
                    first_receive=CASE WHEN m.receive_count=0 THEN @now ELSE m.first_receive END
                FROM picked WHERE m.seq=picked.seq
                RETURNING m.seq,m.queue,m.id,m.body,m.attributes,m.trace_header,m.sent,m.visible_at,m.receive_count,m.first_receive,m.group_id,m.dedup_id,m.sequence_number,m.source_arn
                """, ServiceRows.Message, cancellationToken, ("q", queue), ("now", nowMs), ("max", maxReceiveCount), ("n", max), ("until", nowMs + visibilityMs)).ConfigureAwait(false);
            list.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            return list;
        }, cancellationToken);
    }

    /// <summary>Deletes a received message if no later receive took it since (<paramref name="receiveCount"/> is the count its receive returned).</summary>
    public async Task<bool> DeleteReceivedAsync(long seq, int receiveCount, CancellationToken cancellationToken = default) =>
        await PgSql.ExecAsync(_db, "DELETE FROM sqs_messages WHERE seq=@s AND receive_count=@rc", cancellationToken, ("s", seq), ("rc", receiveCount)).ConfigureAwait(false) > 0;

    /// <summary>Changes when a received message is visible again, if no later receive took it since; wakes waiters when that is now.</summary>
    public Task<bool> ChangeVisibilityAsync(long seq, int receiveCount, long visibleAtMs, long nowMs, CancellationToken cancellationToken = default) =>
        PgSql.InTransactionAsync(_db, async (c, t) =>
        {
            var queue = await PgSql.ScalarAsync(c, t, "UPDATE sqs_messages SET visible_at=@v WHERE seq=@s AND receive_count=@rc RETURNING queue", cancellationToken,
                ("v", visibleAtMs), ("s", seq), ("rc", receiveCount)).ConfigureAwait(false) as string;
            if (queue is not null && visibleAtMs <= nowMs)
                await NotifyAsync(c, t, queue, cancellationToken).ConfigureAwait(false);
            return queue is not null;
        }, cancellationToken);

    Task<IReadOnlyList<StoredMessageRecord>> ISharedMessageQueueStore.ReceiveAsync(string queue, int max, long nowMs, long visibilityMs, bool fifo, MessageRedrive? redrive, CancellationToken cancellationToken) =>
        ReceiveAsync(queue, max, nowMs, visibilityMs, fifo, redrive is null ? null : new PostgresRedrive(redrive.DeadLetterQueue, redrive.SourceQueueArn, redrive.MaxReceiveCount), cancellationToken);

    public Task PurgeAsync(string queue, CancellationToken cancellationToken = default) =>
        PgSql.ExecAsync(_db, "DELETE FROM sqs_messages WHERE queue=@q", cancellationToken, ("q", queue));

    /// <summary>
    /// Deletes the queue's messages past retention, and its deduplication ids expired a minute ago by the database's clock
    /// (sends treat an expired id as free anyway; the minute covers clocks that disagree). Locked ids are left for later.
    /// </summary>
    public Task DeleteExpiredAsync(string queue, long sentBeforeMs, CancellationToken cancellationToken = default) =>
        PgSql.ExecAsync(_db, """
            DELETE FROM sqs_messages WHERE queue=@q AND sent<@t;
            DELETE FROM sqs_dedup d USING (
                SELECT dedup_id FROM sqs_dedup WHERE queue=@q AND expires < (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 60000
                ORDER BY expires LIMIT 1000 FOR UPDATE SKIP LOCKED) x
            WHERE d.queue=@q AND d.dedup_id=x.dedup_id
            """, cancellationToken, ("q", queue), ("t", sentBeforeMs));

    public async Task<MessageCounts> CountAsync(string queue, long nowMs, CancellationToken cancellationToken = default)
    {
        var rows = await PgSql.QueryAsync(_db, """
            SELECT count(*) FILTER (WHERE visible_at<=@now), count(*) FILTER (WHERE visible_at>@now AND receive_count>0),
                   count(*) FILTER (WHERE visible_at>@now AND receive_count=0)
            FROM sqs_messages WHERE queue=@q
            """, r => new MessageCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken, ("q", queue), ("now", nowMs)).ConfigureAwait(false);
        return rows[0];
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsNotifications)
            await _notifications.DisposeAsync().ConfigureAwait(false);
    }

    private static Task<int> NotifyAsync(NpgsqlConnection c, NpgsqlTransaction t, string queue, CancellationToken ct) =>
        PgSql.ExecAsync(c, t, PostgresNotifications.NotifySql, ct, ("topic", SendTopic), ("name", queue));
}
