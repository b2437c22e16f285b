using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Sqs;

/// <summary>Message operations: SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch), ChangeMessageVisibility(Batch).</summary>
public sealed partial class SqsService
{
    private const int MaxBatchBytes = 262_144;

    /// <summary>
    /// Sends one message from inside the process (SNS fan-out, EventBridge targets, Task integrations): the same
    /// rules and answer as SendMessage; completes after the message is stored.
    /// </summary>
    /// <param name="queue">The queue's URL, ARN or name.</param>
    public async Task<SqsSendResult> SendMessageAsync(
        string queue,
        string body,
        IReadOnlyDictionary<string, SqsMessageAttribute>? attributes = null,
        string? messageGroupId = null,
        string? messageDeduplicationId = null,
        int? delaySeconds = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (_shared is not null)
            await RefreshQueuesAsync(TryResolve(queue) is null, cancellationToken).ConfigureAwait(false);
        var q = Resolve(queue);
        var sorted = attributes is null ? [] : attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var request = new SendRequest(body, sorted, null, messageGroupId, messageDeduplicationId, delaySeconds);
        var seqs = await ReserveAsync(1, cancellationToken).ConfigureAwait(false);
        var sends = new[] { Prepare(q, request, NowMs, seqs?[0]) };
        await CommitAsync(q, sends, cancellationToken).ConfigureAwait(false);
        return sends[0].Result();
    }

    private async ValueTask<JValue> SendMessageOpAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var request = ReadSend(input);
        if (request.Body is null)
            throw SqsErrors.MissingParameter("MessageBody");
        var seqs = await ReserveAsync(1, cancellationToken).ConfigureAwait(false);
        var sends = new[] { Prepare(queue, request, NowMs, seqs?[0]) };
        await CommitAsync(queue, sends, cancellationToken).ConfigureAwait(false);
        return ResultJson(sends[0], null);
    }

    private async ValueTask<JValue> SendMessageBatchAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var entries = Entries(input, "SendMessageBatchRequestEntry");
        var seqs = await ReserveAsync(entries.Count, cancellationToken).ConfigureAwait(false);
        var now = NowMs;
        var ok = new List<(string Id, PendingSend Send)>(entries.Count);
        var failed = new List<JValue>();
        long total = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var (id, entry) = entries[i];
            try
            {
                var request = ReadSend(entry);
                if (request.Body is null)
                    throw SqsErrors.MissingParameter("MessageBody");
                total += Encoding.UTF8.GetByteCount(request.Body) + AttributesSize(request.Attributes);
                ok.Add((id, Prepare(queue, request, now, seqs?[i])));
            }
            catch (AwsServiceException e)
            {
                failed.Add(Failure(id, e));
            }
        }

        if (total > MaxBatchBytes)
            throw SqsErrors.BatchRequestTooLong(MaxBatchBytes, total);
        await CommitAsync(queue, [.. ok.Select(o => o.Send)], cancellationToken).ConfigureAwait(false);
        var successful = ok.Select(o => ResultJson(o.Send, o.Id)).ToArray();
        return BatchResult(successful, failed);
    }

    /// <summary>Reads the members of SendMessage (or a batch entry) into a request; validation comes in <see cref="Prepare"/>.</summary>
    private static SendRequest ReadSend(JObject input)
    {
        var attributes = new List<KeyValuePair<string, SqsMessageAttribute>>();
        if (SqsInput.Map(input, "MessageAttributes") is { } map)
        {
            foreach (var (name, v) in map)
                attributes.Add(new(name, ReadAttribute(name, v)));
            attributes.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        string? trace = null;
        if (SqsInput.Map(input, "MessageSystemAttributes") is { } system)
        {
            foreach (var (name, v) in system)
            {
                if (name != "AWSTraceHeader")
                    throw SqsErrors.InvalidParameterValue($"Message system attribute name '{name}' is invalid.");
                var a = ReadAttribute(name, v);
                if (a.DataType != "String")
                    throw SqsErrors.InvalidParameterValue("Message system attribute 'AWSTraceHeader' must be of type String.");
                trace = a.StringValue;
            }
        }

        return new SendRequest(SqsInput.Optional(input, "MessageBody"), attributes, trace,
            SqsInput.Optional(input, "MessageGroupId"), SqsInput.Optional(input, "MessageDeduplicationId"), SqsInput.Int(input, "DelaySeconds"));
    }

    private static SqsMessageAttribute ReadAttribute(string name, JValue v)
    {
        if (v is not JObject o)
            throw SqsErrors.Serialization($"Message attribute '{name}' must be a structure.");
        var type = SqsInput.Optional(o, "DataType");
        if (string.IsNullOrEmpty(type))
            throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute type.");
        var binary = SqsInput.Optional(o, "BinaryValue");
        if (binary is not null)
        {
            try
            {
                return new SqsMessageAttribute(type, null, Convert.FromBase64String(binary));
            }
            catch (FormatException)
            {
                throw SqsErrors.Serialization($"BinaryValue of message attribute '{name}' is not valid base64.");
            }
        }

        return new SqsMessageAttribute(type, SqsInput.Optional(o, "StringValue"));
    }

    /// <summary>A validated message, not yet stored.</summary>
    private sealed class PendingSend
    {
        public required SqsMessage Message { get; init; }

        public required StoredMessageRecord Record { get; init; }

        public string? Md5OfSystemAttributes { get; init; }

        /// <summary>Set when a FIFO deduplication id was seen in the last five minutes: answered with the first send, not stored.</summary>
        public DedupEntry? Duplicate { get; set; }

        public SqsSendResult Result() => new(
            Duplicate?.MessageId ?? Message.MessageId, Message.Md5OfBody, Message.Md5OfAttributes, Md5OfSystemAttributes,
            Duplicate is { } d ? d.SequenceNumber : Message.SequenceNumber);
    }

    /// <param name="reservedSeq">The number a shared store reserved for the message; null: the next of this node's own.</param>
    private PendingSend Prepare(SqsQueue queue, SendRequest r, long now, long? reservedSeq)
    {
        var body = r.Body ?? throw SqsErrors.MissingParameter("MessageBody");
        var qa = queue.Attributes;
        if (body.Length == 0)
            throw SqsErrors.MissingParameter("MessageBody");
        CheckCharacters(body);
        if (r.Attributes.Count > 10)
            throw SqsErrors.InvalidParameterValue($"Number of message attributes [{r.Attributes.Count}] exceeds the allowed maximum [10].");
        foreach (var (name, value) in r.Attributes)
            CheckAttribute(name, value);
        var size = Encoding.UTF8.GetByteCount(body) + AttributesSize(r.Attributes);
        if (size > qa.MaximumMessageSize)
            throw SqsErrors.InvalidParameterValue($"One or more parameters are invalid. Reason: Message must be shorter than {qa.MaximumMessageSize} bytes.");
        if (r.DelaySeconds is { } delay)
        {
            if (delay is < 0 or > 900)
                throw SqsErrors.InvalidParameter("DelaySeconds", Str(delay), "DelaySeconds must be >= 0 and <= 900.");
            if (queue.IsFifo)
                throw SqsErrors.InvalidParameter("DelaySeconds", Str(delay), "The request include parameter that is not valid for this queue type.");
        }

        if (r.GroupId is { } group)
            CheckToken("MessageGroupId", group);
        string? dedup = null;
        if (queue.IsFifo)
        {
            if (r.GroupId is null)
                throw SqsErrors.MissingParameter("MessageGroupId");
            if (r.DeduplicationId is { } explicitId)
            {
                CheckToken("MessageDeduplicationId", explicitId);
                dedup = explicitId;
            }
            else if (qa.ContentBasedDeduplication)
            {
                dedup = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            }
            else
            {
                throw SqsErrors.InvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
        }
        else if (r.DeduplicationId is { } notForStandard)
        {
            throw SqsErrors.InvalidParameter("MessageDeduplicationId", notForStandard, "The request include parameter that is not valid for this queue type");
        }

        var seq = reservedSeq ?? Interlocked.Increment(ref _seq);
        var visibleAt = now + ((r.DelaySeconds ?? qa.DelaySeconds) * 1000L);
        JObject? wire = null;
        if (r.Attributes.Count > 0)
        {
            var b = new JObjectBuilder(r.Attributes.Count);
            foreach (var (name, value) in r.Attributes)
                b.AddUnique(name, AttributeJson(value));
            wire = b.Build();
        }

        var message = new SqsMessage
        {
            Seq = seq,
            MessageId = _options.NewId().ToString(),
            Body = body,
            Md5OfBody = SqsMd5.OfBody(body),
            Attributes = wire,
            AttributeValues = r.Attributes,
            Md5OfAttributes = SqsMd5.OfAttributes(r.Attributes),
            TraceHeader = r.TraceHeader,
            SentMs = now,
            GroupId = r.GroupId,
            DeduplicationId = dedup,
            SequenceNumber = queue.IsFifo ? seq.ToString("D20", CultureInfo.InvariantCulture) : null,
            VisibleAtMs = visibleAt,
        };
        var record = new StoredMessageRecord
        {
            Queue = queue.Name,
            Seq = seq,
            MessageId = message.MessageId,
            Body = body,
            AttributesJson = wire?.ToString(),
            TraceHeader = r.TraceHeader,
            SentMs = now,
            VisibleAtMs = visibleAt,
            GroupId = r.GroupId,
            DeduplicationId = dedup,
            SequenceNumber = message.SequenceNumber,
        };
        string? md5System = null;
        if (r.TraceHeader is { } trace)
            md5System = SqsMd5.OfAttributes([new("AWSTraceHeader", SqsMessageAttribute.String(trace))]);
        return new PendingSend { Message = message, Record = record, Md5OfSystemAttributes = md5System };
    }

    /// <summary>Deduplicates (FIFO), stores, then makes the messages visible to receivers and wakes waiting ones.</summary>
    private async Task CommitAsync(SqsQueue queue, PendingSend[] sends, CancellationToken cancellationToken)
    {
        if (sends.Length == 0)
            return;
        var now = NowMs;
        if (_shared is not null && queue.IsFifo)
        {
            await CommitSharedFifoAsync(_shared, sends, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        List<string>? reserved = null;
        if (queue.IsFifo)
        {
            reserved = [];
            lock (queue.Gate)
            {
                foreach (var s in sends)
                {
                    var id = s.Message.DeduplicationId!;
                    if (queue.TryGetDuplicate(id, now, out var first))
                    {
                        s.Duplicate = first;
                    }
                    else
                    {
                        queue.RememberDeduplication(id, new DedupEntry(s.Message.MessageId, s.Message.SequenceNumber, now + DedupIntervalMs));
                        reserved.Add(id);
                    }
                }
            }
        }

        // Only a FIFO queue has duplicates to leave out.
        var fresh = reserved is null ? sends : sends.Where(s => s.Duplicate is null).ToArray();
        if (fresh.Length == 0)
            return;
        if (_store is not null)
        {
            var records = new StoredMessageRecord[fresh.Length];
            for (var i = 0; i < fresh.Length; i++)
                records[i] = fresh[i].Record;
            try
            {
                await _store.AddMessagesAsync(records, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (queue.Gate)
                {
                    foreach (var id in reserved ?? [])
                        queue.ForgetDeduplication(id);
                }

                throw;
            }
        }

        // A shared store has the messages now and told every node (this one too) that the queue has messages.
        if (_shared is not null)
            return;
        bool deleted;
        lock (queue.Gate)
        {
            deleted = queue.Deleted;
            if (!deleted)
            {
                var at = NowMs;
                foreach (var s in fresh)
                    queue.Add(s.Message, at);
                queue.Wake(fresh.Length);
            }
        }

        // The queue went away while the messages were being stored: they go with it.
        if (deleted && _store is not null)
            await _store.ForgetMessagesAsync([.. fresh.Select(s => s.Message.Seq)]).ConfigureAwait(false);
    }

    private static JObject ResultJson(PendingSend send, string? id)
    {
        var r = send.Result();
        var b = new JObjectBuilder(6);
        if (id is not null)
            b.AddUnique("Id", JValue.FromString(id));
        b.AddUnique("MessageId", JValue.FromString(r.MessageId));
        b.AddUnique("MD5OfMessageBody", JValue.FromString(r.MD5OfMessageBody));
        if (r.MD5OfMessageAttributes is { } a)
            b.AddUnique("MD5OfMessageAttributes", JValue.FromString(a));
        if (r.MD5OfMessageSystemAttributes is { } s)
            b.AddUnique("MD5OfMessageSystemAttributes", JValue.FromString(s));
        if (r.SequenceNumber is { } n)
            b.AddUnique("SequenceNumber", JValue.FromString(n));
        return b.Build();
    }

    private static JObject AttributeJson(SqsMessageAttribute a)
    {
        var b = new JObjectBuilder(2);
        if (a.IsBinary)
            b.AddUnique("BinaryValue", JValue.FromString(Convert.ToBase64String(a.BinaryValue.GetValueOrDefault().Span)));
        else
            b.AddUnique("StringValue", JValue.FromString(a.StringValue ?? ""));
        b.AddUnique("DataType", JValue.FromString(a.DataType));
        return b.Build();
    }

    private static int AttributesSize(IReadOnlyList<KeyValuePair<string, SqsMessageAttribute>> attributes)
    {
        var size = 0;
        foreach (var (name, a) in attributes)
        {
            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(a.DataType);
            size += a.IsBinary ? a.BinaryValue.GetValueOrDefault().Length : Encoding.UTF8.GetByteCount(a.StringValue ?? "");
        }

        return size;
    }

    /// <summary>SQS accepts #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.</summary>
    private static void CheckCharacters(string body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c >= 0x20 && c < 0xD800)
                continue;
            if (c is '\t' or '\n' or '\r' || (c >= 0xE000 && c <= 0xFFFD))
                continue;
            if (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
            {
                i++;
                continue;
            }

            throw SqsErrors.InvalidMessageContents();
        }
    }

    private static void CheckAttribute(string name, SqsMessageAttribute a)
    {
        var valid = name.Length is > 0 and <= 256;
        foreach (var c in name)
            valid &= char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
        if (!valid)
            throw SqsErrors.InvalidParameterValue($"Message (user) attribute name '{name}' is invalid. The attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.");
        if (name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
            throw SqsErrors.InvalidParameterValue($"Message (user) attribute name '{name}' is invalid. Attribute names must not start with AWS-reserved prefixes 'AWS.' or 'Amazon.'");
        if (name[0] == '.' || name[^1] == '.' || name.Contains("..", StringComparison.Ordinal))
            throw SqsErrors.InvalidParameterValue($"Message (user) attribute name '{name}' is invalid. Attribute name must not start or end with a period (.), and it should not have successive periods (..).");
        var type = a.DataType;
        var baseType = type.Split('.', 2)[0];
        if (baseType is not ("String" or "Number" or "Binary") || type.Length > 256)
            throw SqsErrors.InvalidParameterValue($"The type of message (user) attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
        if (baseType == "Binary" ? a.BinaryValue is null || a.BinaryValue.Value.Length == 0 : string.IsNullOrEmpty(a.StringValue))
            throw SqsErrors.InvalidParameterValue($"The message (user) attribute '{name}' must contain a non-empty message attribute value for message attribute type '{type}'.");
        if (baseType == "Number" && !decimal.TryParse(a.StringValue, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw SqsErrors.InvalidParameterValue($"Could not cast message attribute '{name}' value to number.");
        if (baseType != "Binary")
            CheckCharacters(a.StringValue!);
    }

    /// <summary>MessageGroupId and MessageDeduplicationId: 1 to 128 alphanumeric and punctuation characters.</summary>
    private static void CheckToken(string parameter, string value)
    {
        var valid = value.Length is > 0 and <= 128;
        foreach (var c in value)
            valid &= c is > ' ' and < (char)127;
        if (!valid)
            throw SqsErrors.InvalidParameter(parameter, value, $"{parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }

    // ---- receive ----

    private static readonly HashSet<string> SystemAttributeNames = new(StringComparer.Ordinal)
    {
        "All", "SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "SequenceNumber",
        "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn",
    };

    private async ValueTask<JValue> ReceiveMessageAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var max = SqsInput.Int(input, "MaxNumberOfMessages") ?? 1;
        if (max is < 1 or > 10)
            throw SqsErrors.InvalidParameter("MaxNumberOfMessages", Str(max), "Must be between 1 and 10, if provided.");
        var visibility = SqsInput.Int(input, "VisibilityTimeout");
        if (visibility is < 0 or > 43_200)
            throw SqsErrors.InvalidParameter("VisibilityTimeout", Str(visibility.Value), "Must be >= 0 and <= 43200, if provided.");
        var wait = SqsInput.Int(input, "WaitTimeSeconds");
        if (wait is < 0 or > 20)
            throw SqsErrors.InvalidParameter("WaitTimeSeconds", Str(wait.Value), "Must be >= 0 and <= 20, if provided.");
        var system = SqsInput.Strings(input, "AttributeNames");
        system.AddRange(SqsInput.Strings(input, "MessageSystemAttributeNames"));
        foreach (var n in system)
        {
            if (!SystemAttributeNames.Contains(n))
                throw SqsErrors.InvalidAttributeName(n);
        }

        var userNames = SqsInput.Strings(input, "MessageAttributeNames");
        var messages = _shared is not null
            ? await ReceiveSharedAsync(_shared, queue, max, visibility, wait, cancellationToken).ConfigureAwait(false)
            : await ReceiveAsync(queue, max, visibility, wait, cancellationToken).ConfigureAwait(false);
        if (messages.Count == 0)
            return Empty;
        var list = new JValue[messages.Count];
        for (var i = 0; i < list.Length; i++)
            list[i] = MessageJson(messages[i], system, userNames);
        return One("Messages", JArray.Own(list));
    }

    /// <summary>A received message as it was at its receive (the live one may change after the lock is released).</summary>
    private readonly record struct Received(SqsMessage Message, string ReceiptHandle, int ReceiveCount, long FirstReceiveMs);

    private async Task<List<Received>> ReceiveAsync(SqsQueue queue, int max, int? visibility, int? wait, CancellationToken cancellationToken)
    {
        var start = NowMs;
        var deadline = start + ((wait ?? queue.Attributes.ReceiveMessageWaitTimeSeconds) * 1000L);
        var taken = new List<SqsMessage>(max);
        var expired = new List<SqsMessage>();
        var dead = new List<SqsMessage>();
        var result = new List<Received>(max);
        while (true)
        {
            LinkedListNode<TaskCompletionSource<bool>>? waiter = null;
            long wakeAt;
            SqsQueue? deadLetter = null;
            var now = NowMs;
            var qa = queue.Attributes;
            if (qa.DeadLetterTargetArn is { } dlq)
                deadLetter = TryResolve(dlq);
            var nonceBase = Interlocked.Add(ref _nonce, max) - max + 1;
            lock (queue.Gate)
            {
                if (queue.Deleted)
                    return result;
                queue.Take(now, max, (visibility ?? qa.VisibilityTimeout) * 1000L, nonceBase, taken, expired, dead, deadLetter is null ? 0 : qa.MaxReceiveCount);
                foreach (var m in taken)
                    result.Add(new Received(m, ReceiptHandle.Create(m.Seq, m.ReceiptNonce), m.ReceiveCount, m.FirstReceiveMs));
                wakeAt = deadline;
                if (result.Count == 0 && now < deadline)
                {
                    waiter = queue.AddWaiter();
                    if (queue.NextPendingMs() is { } next && next < wakeAt)
                        wakeAt = next;
                }
            }

            await SettleAsync(queue, taken, expired, dead, deadLetter, now).ConfigureAwait(false);
            taken.Clear();
            expired.Clear();
            dead.Clear();
            if (waiter is null || !await WaitForMessagesAsync(queue, waiter, wakeAt - now, cancellationToken).ConfigureAwait(false))
                return result;
        }
    }

    /// <summary>
    /// Waits until a send wakes <paramref name="waiter"/> or <paramref name="waitMs"/> pass (then the receive looks again: a delayed
    /// or in-flight message may have become visible), and stops listening; false when the service stops, so that the receive
    /// answers what there is (nothing) instead of holding the shutdown.
    /// </summary>
    private async Task<bool> WaitForMessagesAsync(SqsQueue queue, LinkedListNode<TaskCompletionSource<bool>> waiter, long waitMs, CancellationToken cancellationToken)
    {
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            await waiter.Value.Task.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(1, waitMs)), _time, linked.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Time to look again.
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            lock (queue.Gate)
                queue.RemoveWaiter(waiter);
        }

        return true;
    }

    /// <summary>Records what a receive changed: receive counts and visibility, expired messages, moves to the dead-letter queue.</summary>
    private async Task SettleAsync(SqsQueue queue, List<SqsMessage> taken, List<SqsMessage> expired, List<SqsMessage> dead, SqsQueue? deadLetter, long now)
    {
        List<MessageStateRecord>? states = null;
        if (taken.Count > 0)
        {
            states = new List<MessageStateRecord>(taken.Count + dead.Count);
            foreach (var m in taken)
                states.Add(new MessageStateRecord(m.Seq, queue.Name, m.VisibleAtMs, m.ReceiveCount, m.FirstReceiveMs, m.SourceQueueArn));
        }

        if (dead.Count > 0 && deadLetter is not null)
        {
            states ??= new List<MessageStateRecord>(dead.Count);
            lock (deadLetter.Gate)
            {
                foreach (var m in dead)
                {
                    m.SourceQueueArn = queue.Arn;
                    m.VisibleAtMs = now;
                    m.GroupNode = null;
                    m.Group = null;
                    deadLetter.Add(m, now);
                    states.Add(new MessageStateRecord(m.Seq, deadLetter.Name, m.VisibleAtMs, m.ReceiveCount, m.FirstReceiveMs, m.SourceQueueArn));
                }

                deadLetter.Wake(dead.Count);
            }
        }

        Forget(expired);
        if (states is not null && _store is not null)
            await _store.RecordStatesAsync(states).ConfigureAwait(false);
    }

    private void Forget(List<SqsMessage> gone)
    {
        if (gone.Count > 0 && _store is not null)
            _ = _store.ForgetMessagesAsync([.. gone.Select(m => m.Seq)]);
    }

    private JObject MessageJson(Received r, List<string> system, List<string> userNames)
    {
        var m = r.Message;
        var b = new JObjectBuilder(7);
        b.AddUnique("MessageId", JValue.FromString(m.MessageId));
        b.AddUnique("ReceiptHandle", JValue.FromString(r.ReceiptHandle));
        b.AddUnique("MD5OfBody", JValue.FromString(m.Md5OfBody));
        b.AddUnique("Body", JValue.FromString(m.Body));
        if (system.Count > 0)
        {
            var all = system.Contains("All");
            var a = new JObjectBuilder(8);
            void Add(string name, string? value)
            {
                if (value is not null && (all || system.Contains(name)))
                    a.AddUnique(name, JValue.FromString(value));
            }

            Add("SenderId", _options.AccountId);
            Add("SentTimestamp", Str(m.SentMs));
            Add("ApproximateReceiveCount", Str(r.ReceiveCount));
            Add("ApproximateFirstReceiveTimestamp", Str(r.FirstReceiveMs));
            Add("SequenceNumber", m.SequenceNumber);
            Add("MessageDeduplicationId", m.DeduplicationId);
            Add("MessageGroupId", m.GroupId);
            Add("AWSTraceHeader", m.TraceHeader);
            Add("DeadLetterQueueSourceArn", m.SourceQueueArn);
            var attributes = a.Build();
            if (attributes.Count > 0)
                b.AddUnique("Attributes", attributes);
        }

        if (m.Attributes is { } user && userNames.Count > 0)
        {
            if (userNames.Contains("All") || userNames.Contains(".*"))
            {
                b.AddUnique("MD5OfMessageAttributes", JValue.FromString(m.Md5OfAttributes!));
                b.AddUnique("MessageAttributes", user);
            }
            else
            {
                var chosen = new List<KeyValuePair<string, SqsMessageAttribute>>();
                var sub = new JObjectBuilder(user.Count);
                for (var i = 0; i < user.Count; i++)
                {
                    var name = user[i].Key;
                    if (!Wanted(name, userNames))
                        continue;
                    chosen.Add(m.AttributeValues[i]);
                    sub.AddUnique(name, user[i].Value);
                }

                if (chosen.Count > 0)
                {
                    b.AddUnique("MD5OfMessageAttributes", JValue.FromString(SqsMd5.OfAttributes(chosen)!));
                    b.AddUnique("MessageAttributes", sub.Build());
                }
            }
        }

        return b.Build();
    }

    /// <summary>An exact name, or a prefix pattern such as <c>bar.*</c>.</summary>
    private static bool Wanted(string name, List<string> patterns)
    {
        foreach (var p in patterns)
        {
            if (p == name || (p.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(p[..^1], StringComparison.Ordinal)))
                return true;
        }

        return false;
    }

    // ---- delete and visibility ----

    private async ValueTask<JValue> DeleteMessageAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var handle = SqsInput.Required(input, "ReceiptHandle");
        var gone = new List<long>(1);
        await DeleteOneAsync(queue, handle, gone, cancellationToken).ConfigureAwait(false);
        await ForgetAsync(gone).ConfigureAwait(false);
        return Empty;
    }

    private async ValueTask<JValue> DeleteMessageBatchAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var gone = new List<long>();
        var result = await BatchAsync(input, "DeleteMessageBatchRequestEntry", entry => DeleteOneAsync(queue, SqsInput.Required(entry, "ReceiptHandle"), gone, cancellationToken)).ConfigureAwait(false);
        await ForgetAsync(gone).ConfigureAwait(false);
        return result;
    }

    /// <summary>Deletes a receipt's message: in the shared store, or here (adding its sequence to <paramref name="gone"/>).</summary>
    private async Task DeleteOneAsync(SqsQueue queue, string handle, List<long> gone, CancellationToken cancellationToken)
    {
        if (_shared is not null)
            await DeleteSharedAsync(_shared, handle, cancellationToken).ConfigureAwait(false);
        else
            Delete(queue, handle, gone);
    }

    /// <summary>Removes deleted messages from the durable store, when there is one.</summary>
    private async Task ForgetAsync(List<long> gone)
    {
        if (gone.Count > 0 && _store is not null)
            await _store.ForgetMessagesAsync(gone).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the message of the latest receive. A well-formed handle of an earlier receive, or of a message
    /// already gone, succeeds without deleting anything, as SQS does.
    /// </summary>
    private static void Delete(SqsQueue queue, string handle, List<long> gone)
    {
        if (!ReceiptHandle.TryParse(handle, out var seq, out var nonce))
            throw SqsErrors.ReceiptHandleIsInvalid(handle);
        lock (queue.Gate)
        {
            if (queue.Find(seq) is { } m && m.ReceiptNonce == nonce)
            {
                queue.Remove(m);
                gone.Add(seq);
            }
        }
    }

    private async ValueTask<JValue> ChangeMessageVisibilityAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var handle = SqsInput.Required(input, "ReceiptHandle");
        var timeout = SqsInput.Int(input, "VisibilityTimeout") ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
        var states = new List<MessageStateRecord>(1);
        await ChangeVisibilityOneAsync(queue, handle, timeout, states, cancellationToken).ConfigureAwait(false);
        await RecordStatesAsync(states).ConfigureAwait(false);
        return Empty;
    }

    private async ValueTask<JValue> ChangeMessageVisibilityBatchAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var states = new List<MessageStateRecord>();
        var result = await BatchAsync(input, "ChangeMessageVisibilityBatchRequestEntry", entry =>
        {
            var timeout = SqsInput.Int(entry, "VisibilityTimeout") ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
            return ChangeVisibilityOneAsync(queue, SqsInput.Required(entry, "ReceiptHandle"), timeout, states, cancellationToken);
        }).ConfigureAwait(false);
        await RecordStatesAsync(states).ConfigureAwait(false);
        return result;
    }

    /// <summary>Changes a receipt's visibility: in the shared store, or here (adding the new state to <paramref name="states"/>).</summary>
    private async Task ChangeVisibilityOneAsync(SqsQueue queue, string handle, int timeout, List<MessageStateRecord> states, CancellationToken cancellationToken)
    {
        if (_shared is not null)
            await ChangeVisibilitySharedAsync(_shared, handle, timeout, cancellationToken).ConfigureAwait(false);
        else
            ChangeVisibility(queue, handle, timeout, states);
    }

    /// <summary>Records changed message states in the durable store, when there is one.</summary>
    private async Task RecordStatesAsync(List<MessageStateRecord> states)
    {
        if (states.Count > 0 && _store is not null)
            await _store.RecordStatesAsync(states).ConfigureAwait(false);
    }

    private void ChangeVisibility(SqsQueue queue, string handle, int timeout, List<MessageStateRecord> states)
    {
        if (timeout is < 0 or > 43_200)
            throw SqsErrors.InvalidParameter("VisibilityTimeout", Str(timeout), "Must be between 0 and 43200, if provided.");
        if (!ReceiptHandle.TryParse(handle, out var seq, out var nonce))
            throw SqsErrors.ReceiptHandleIsInvalid(handle);
        lock (queue.Gate)
        {
            var now = NowMs;
            queue.Promote(now);
            if (queue.Find(seq) is not { } m || m.ReceiptNonce != nonce)
                throw SqsErrors.InvalidParameter("ReceiptHandle", handle, "Message does not exist or is not available for visibility timeout change.");
            if (m.State != SqsMessageState.InFlight)
                throw SqsErrors.MessageNotInflight();
            queue.ChangeVisibility(m, now + (timeout * 1000L));
            states.Add(new MessageStateRecord(m.Seq, queue.Name, m.VisibleAtMs, m.ReceiveCount, m.FirstReceiveMs, m.SourceQueueArn));
            if (timeout == 0)
                queue.Wake(1);
        }
    }

    // ---- batches ----

    /// <summary>A batch's entries by Id, checked as SQS checks them before any entry runs.</summary>
    private static List<(string Id, JObject Entry)> Entries(JObject input, string entryShape)
    {
        var list = SqsInput.List(input, "Entries");
        if (list is null)
            throw SqsErrors.MissingParameter("Entries");
        if (list.Count == 0)
            throw SqsErrors.EmptyBatch(entryShape);
        if (list.Count > 10)
            throw SqsErrors.TooManyEntries(list.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<(string, JObject)>(list.Count);
        foreach (var item in list)
        {
            if (item is not JObject entry)
                throw SqsErrors.Serialization("Each entry of 'Entries' must be a structure.");
            var id = SqsInput.Required(entry, "Id");
            var valid = id.Length is > 0 and <= 80;
            foreach (var c in id)
                valid &= char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
            if (!valid)
                throw SqsErrors.InvalidBatchEntryId();
            if (!seen.Add(id))
                throw SqsErrors.IdsNotDistinct(id);
            entries.Add((id, entry));
        }

        return entries;
    }

    /// <summary>Runs a batch's entries in order (an entry's error fails that entry only) into SQS's Successful and Failed lists.</summary>
    private static async Task<JValue> BatchAsync(JObject input, string entryShape, Func<JObject, Task> run)
    {
        var entries = Entries(input, entryShape);
        var successful = new List<JValue>(entries.Count);
        var failed = new List<JValue>();
        foreach (var (id, entry) in entries)
        {
            try
            {
                await run(entry).ConfigureAwait(false);
                successful.Add(One("Id", id));
            }
            catch (AwsServiceException e)
            {
                failed.Add(Failure(id, e));
            }
        }

        return BatchResult([.. successful], failed);
    }

    private static JObject Failure(string id, AwsServiceException e)
    {
        var b = new JObjectBuilder(4);
        b.AddUnique("Id", JValue.FromString(id));
        b.AddUnique("SenderFault", JValue.FromBool(e.SenderFault));
        b.AddUnique("Code", JValue.FromString(e.QueryErrorCode ?? e.Code));
        b.AddUnique("Message", JValue.FromString(e.Message));
        return b.Build();
    }

    private static JObject BatchResult(JValue[] successful, List<JValue> failed)
    {
        var b = new JObjectBuilder(2);
        b.AddUnique("Successful", JArray.Own(successful));
        b.AddUnique("Failed", JArray.Own([.. failed]));
        return b.Build();
    }
}
