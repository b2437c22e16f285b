using System.Globalization;
using System.Text;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Sqs;

/// <summary>Queue operations: CreateQueue, GetQueueUrl, ListQueues, Get/SetQueueAttributes, DeleteQueue, PurgeQueue, tags.</summary>
public sealed partial class SqsService
{
    private const long QueueReuseDelayMs = 60_000;

    /// <summary>Creates a queue, or answers the existing one's URL when every given attribute matches (CreateQueue).</summary>
    public async Task<string> CreateQueueAsync(string name, IReadOnlyList<KeyValuePair<string, string>> attributes, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(tags);
        var fifo = false;
        foreach (var (k, v) in attributes)
        {
            if (k == "FifoQueue")
                fifo = SqsQueueAttributes.Normalize(k, v, true) == "true";
        }

        CheckQueueName(name, fifo);
        await _catalog.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = NowMs;
            var arn = ArnOf(name);
            if (_queues.TryGetValue(name, out var existing))
            {
                lock (existing.Gate)
                {
                    foreach (var (k, v) in attributes)
                    {
                        var wanted = SqsQueueAttributes.Normalize(k, v, existing.IsFifo);
                        existing.Attributes.Values.TryGetValue(k, out var current);
                        // A standard queue stores no FifoQueue attribute: "false" is what it has.
                        current ??= k == "FifoQueue" ? "false" : null;
                        if (!string.Equals(wanted, current, StringComparison.Ordinal))
                            throw SqsErrors.QueueNameExists(k);
                    }
                }

                return UrlOf(name);
            }

            if (_deletedAt.TryGetValue(name, out var deleted) && now - deleted < QueueReuseDelayMs)
                throw SqsErrors.QueueDeletedRecently();
            var queueAttributes = SqsQueueAttributes.Defaults(fifo).With(attributes, creating: true, arn, TryResolve);
            var tagMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in tags)
                tagMap[k] = v;
            var queue = new SqsQueue(name, arn, queueAttributes, tagMap, now, now);
            if (_store is not null)
                await _store.SaveQueueAsync(RecordOf(queue), cancellationToken).ConfigureAwait(false);
            _queues[name] = queue;
            _deletedAt.Remove(name);
            return UrlOf(name);
        }
        finally
        {
            _catalog.Release();
        }
    }

    private async ValueTask<JValue> CreateQueueAsync(JObject input, CancellationToken cancellationToken)
    {
        var name = SqsInput.Required(input, "QueueName");
        var url = await CreateQueueAsync(name, SqsInput.StringMap(input, "Attributes"), SqsInput.StringMap(input, "tags"), cancellationToken).ConfigureAwait(false);
        return One("QueueUrl", url);
    }

    private static void CheckQueueName(string name, bool fifo)
    {
        var stem = fifo && name.EndsWith(".fifo", StringComparison.Ordinal) ? name[..^5] : name;
        var valid = name.Length <= 80 && stem.Length > 0 && (!fifo || stem.Length < name.Length);
        foreach (var c in stem)
            valid &= char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
        if (!valid)
        {
            throw SqsErrors.InvalidParameterValue(fifo
                ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
                : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
    }

    private JObject GetQueueUrl(JObject input)
    {
        var name = SqsInput.Required(input, "QueueName");
        if (SqsInput.Optional(input, "QueueOwnerAWSAccountId") is { } owner && owner != _options.AccountId)
            throw SqsErrors.QueueDoesNotExist();
        var queue = _queues.TryGetValue(name, out var q) && !q.Deleted ? q : throw SqsErrors.QueueDoesNotExist();
        return One("QueueUrl", UrlOf(queue.Name));
    }

    private JObject ListQueues(JObject input)
    {
        var prefix = SqsInput.Optional(input, "QueueNamePrefix") ?? "";
        var max = SqsInput.Int(input, "MaxResults");
        if (max is < 1 or > 1000)
            throw SqsErrors.InvalidParameter("MaxResults", max.Value.ToString(CultureInfo.InvariantCulture), "MaxResults must be an integer between 1 and 1000.");
        var token = SqsInput.Optional(input, "NextToken");
        string? after = null;
        if (token is not null)
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw SqsErrors.InvalidParameterValue("Invalid NextToken value.");
            }
        }

        var names = _queues.Values.Where(q => !q.Deleted && q.Name.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(q.Name, after) > 0))
            .Select(q => q.Name).Order(StringComparer.Ordinal).ToList();
        var limit = max ?? 1000;
        var page = names.Take(limit).Select(n => (JValue)JValue.FromString(UrlOf(n))).ToArray();
        var b = new JObjectBuilder(2);
        if (page.Length > 0)
            b.AddUnique("QueueUrls", JArray.Own(page));
        if (max is not null && names.Count > limit)
            b.AddUnique("NextToken", JValue.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes(names[limit - 1]))));
        return b.Build();
    }

    /// <param name="counts">The message counts from a shared store; null: from the queue in memory.</param>
    private JObject GetQueueAttributes(JObject input, MessageCounts? counts)
    {
        var queue = ResolveInput(input);
        var names = SqsInput.Strings(input, "AttributeNames");
        foreach (var n in names)
        {
            if (n != "All" && !SqsQueueAttributes.ReadOnlyNames.Contains(n) && !SqsQueueAttributes.SettableNames.Contains(n))
                throw SqsErrors.InvalidAttributeName(n);
        }

        var all = names.Contains("All");
        var wanted = new HashSet<string>(names, StringComparer.Ordinal);
        var b = new JObjectBuilder(16);
        var expired = new List<SqsMessage>();
        lock (queue.Gate)
        {
            var now = NowMs;
            queue.Promote(now);
            queue.SweepExpired(now, expired);
            void Add(string name, string value)
            {
                if (all || wanted.Contains(name))
                    b.AddUnique(name, JValue.FromString(value));
            }

            Add("QueueArn", queue.Arn);
            Add("ApproximateNumberOfMessages", Str(counts?.Visible ?? queue.ReadyCount));
            Add("ApproximateNumberOfMessagesNotVisible", Str(counts?.InFlight ?? queue.InFlightCount));
            Add("ApproximateNumberOfMessagesDelayed", Str(counts?.Delayed ?? queue.DelayedCount));
            Add("CreatedTimestamp", Str(queue.CreatedMs / 1000));
            Add("LastModifiedTimestamp", Str(queue.ModifiedMs / 1000));
            foreach (var (k, v) in queue.Attributes.Values)
                Add(k, v);
        }

        Forget(expired);
        var attributes = b.Build();
        return attributes.Count == 0 ? Empty : One("Attributes", attributes);
    }

    private async ValueTask<JValue> SetQueueAttributesAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var changes = SqsInput.StringMap(input, "Attributes");
        await _catalog.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = queue.Attributes.With(changes, creating: false, queue.Arn, TryResolve);
            MessageQueueRecord record;
            lock (queue.Gate)
            {
                queue.SetAttributes(next);
                queue.ModifiedMs = NowMs;
                record = RecordOf(queue);
            }

            if (_store is not null)
                await _store.SaveQueueAsync(record, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _catalog.Release();
        }

        return Empty;
    }

    private async ValueTask<JValue> DeleteQueueAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        await _catalog.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<SqsMessage> all;
            lock (queue.Gate)
            {
                queue.Deleted = true;
                all = queue.Purge();
                queue.Wake(-1);
            }

            _queues.TryRemove(queue.Name, out _);
            _deletedAt[queue.Name] = NowMs;
            if (_store is not null)
                await _store.DeleteQueueAsync(queue.Name, all.Select(m => m.Seq).ToList(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _catalog.Release();
        }

        return Empty;
    }

    private async ValueTask<JValue> PurgeQueueAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        List<SqsMessage> all;
        lock (queue.Gate)
        {
            var now = NowMs;
            if (queue.LastPurgeMs != long.MinValue && now - queue.LastPurgeMs < 60_000)
                throw SqsErrors.PurgeQueueInProgress(UrlOf(queue.Name));
            queue.LastPurgeMs = now;
            all = queue.Purge();
        }

        if (_shared is not null)
            await _shared.PurgeAsync(queue.Name, cancellationToken).ConfigureAwait(false);

        if (_store is not null && all.Count > 0)
        {
            await _store.ForgetMessagesAsync(all.Select(m => m.Seq).ToList()).ConfigureAwait(false);
            await _store.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return Empty;
    }

    private async ValueTask<JValue> TagQueueAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        var tags = SqsInput.StringMap(input, "Tags");
        if (SqsInput.Map(input, "Tags") is null)
            throw SqsErrors.MissingParameter("Tags");
        await ChangeTagsAsync(queue, t =>
        {
            foreach (var (k, v) in tags)
                t[k] = v;
            if (t.Count > 50)
                throw SqsErrors.InvalidParameterValue("Too many tags added for queue " + queue.Name + ".");
        }, cancellationToken).ConfigureAwait(false);
        return Empty;
    }

    private async ValueTask<JValue> UntagQueueAsync(JObject input, CancellationToken cancellationToken)
    {
        var queue = ResolveInput(input);
        if (SqsInput.List(input, "TagKeys") is null)
            throw SqsErrors.MissingParameter("TagKeys");
        var keys = SqsInput.Strings(input, "TagKeys");
        await ChangeTagsAsync(queue, t =>
        {
            foreach (var k in keys)
                t.Remove(k);
        }, cancellationToken).ConfigureAwait(false);
        return Empty;
    }

    private async Task ChangeTagsAsync(SqsQueue queue, Action<Dictionary<string, string>> change, CancellationToken cancellationToken)
    {
        await _catalog.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            MessageQueueRecord record;
            lock (queue.Gate)
            {
                var copy = new Dictionary<string, string>(queue.Tags, StringComparer.Ordinal);
                change(copy);
                queue.Tags.Clear();
                foreach (var (k, v) in copy)
                    queue.Tags[k] = v;
                record = RecordOf(queue);
            }

            if (_store is not null)
                await _store.SaveQueueAsync(record, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _catalog.Release();
        }
    }

    private JObject ListQueueTags(JObject input)
    {
        var queue = ResolveInput(input);
        var b = new JObjectBuilder(8);
        lock (queue.Gate)
        {
            foreach (var (k, v) in queue.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
                b.AddUnique(k, JValue.FromString(v));
        }

        var tags = b.Build();
        return tags.Count == 0 ? Empty : One("Tags", tags);
    }

    private JObject ListDeadLetterSourceQueues(JObject input)
    {
        var queue = ResolveInput(input);
        var urls = _queues.Values.Where(q => !q.Deleted && q.Attributes.DeadLetterTargetArn == queue.Arn)
            .Select(q => q.Name).Order(StringComparer.Ordinal).Select(n => (JValue)JValue.FromString(UrlOf(n))).ToArray();
        return One("queueUrls", JArray.Own(urls));
    }

    private static MessageQueueRecord RecordOf(SqsQueue queue)
    {
        var tags = new JObjectBuilder(queue.Tags.Count);
        foreach (var (k, v) in queue.Tags)
            tags.AddUnique(k, JValue.FromString(v));
        return new MessageQueueRecord(queue.Name, queue.Attributes.ToJson(), tags.Build().ToString(), queue.CreatedMs, queue.ModifiedMs);
    }

    private static string Str(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static JObject One(string name, JValue value)
    {
        var b = new JObjectBuilder(1);
        b.AddUnique(name, value);
        return b.Build();
    }

    private static JObject One(string name, string value) => One(name, JValue.FromString(value));
}
