using System.Collections.Concurrent;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Sqs;

/// <summary>
/// Amazon SQS, independent of the wire: standard and FIFO queues, visibility timeouts, delays, retention,
/// long polling, dead-letter queues, FIFO message groups and deduplication. Queues and messages are kept in
/// memory (nothing on the receive path scans) and recorded in an <see cref="IMessageQueueStore"/>: a send is
/// answered after its commit. Time comes only from <see cref="SqsServiceOptions.TimeProvider"/>.
/// </summary>
public sealed partial class SqsService : IAwsService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SqsServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly IMessageQueueStore? _store;

    /// <summary>The store when other nodes share it: messages then live there only (see SqsService.Shared.cs).</summary>
    private readonly ISharedMessageQueueStore? _shared;
    private readonly ConcurrentDictionary<string, SqsQueue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _deletedAt = new(StringComparer.Ordinal);

    /// <summary>Serializes queue creation, deletion and attribute changes (rare; they wait for their commit).</summary>
    private readonly SemaphoreSlim _catalog = new(1, 1);
    private long _seq;
    private long _nonce;

    private SqsService(SqsServiceOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _store = options.Store;
        _shared = options.Store as ISharedMessageQueueStore;
        Endpoint = options.Endpoint;
        // Receipt nonces start from the clock, so that a handle from before a restart does not name a later receive.
        _nonce = _time.GetUtcNow().ToUnixTimeMilliseconds() << 12;
    }

    public string SigningName => "sqs";

    /// <summary>Ends every waiting receive (long poll) with what it has; call when the host stops.</summary>
    public void Stop() => _stopping.Cancel();

    public void Dispose()
    {
        _sendSubscription?.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
        _catalog.Dispose();
    }

    /// <summary>Where clients reach the service (<c>http://HOST:PORT</c>); queue URLs start with it.</summary>
    public string Endpoint { get; set; }

    /// <summary>Creates the service and loads its queues and messages from the store.</summary>
    public static async Task<SqsService> CreateAsync(SqsServiceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = new SqsService(options);
        if (service._shared is not null)
            await service.StartSharedAsync(cancellationToken).ConfigureAwait(false);
        else if (options.Store is { } store)
            await service.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        return service;
    }

    private async Task LoadAsync(IMessageQueueStore store, CancellationToken cancellationToken)
    {
        var now = NowMs;
        foreach (var q in await store.LoadQueuesAsync(cancellationToken).ConfigureAwait(false))
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in (JObject)JsonText.Parse(q.TagsJson))
                tags[k] = ((JString)v).Value;
            _queues[q.Name] = new SqsQueue(q.Name, ArnOf(q.Name), SqsQueueAttributes.FromJson(q.AttributesJson), tags, q.CreatedMs, q.ModifiedMs);
        }

        var orphans = new List<long>();
        foreach (var r in await store.LoadMessagesAsync(cancellationToken).ConfigureAwait(false))
        {
            _seq = Math.Max(_seq, r.Seq);
            if (!_queues.TryGetValue(r.Queue, out var queue))
            {
                orphans.Add(r.Seq);
                continue;
            }

            var m = Restore(r);
            queue.Add(m, now);
            if (queue.IsFifo && m.DeduplicationId is { } dedup && m.SentMs + DedupIntervalMs > now)
                queue.RememberDeduplication(dedup, new DedupEntry(m.MessageId, m.SequenceNumber, m.SentMs + DedupIntervalMs));
        }

        if (orphans.Count > 0)
            await store.ForgetMessagesAsync(orphans).ConfigureAwait(false);
    }

    public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(input);
        return _shared is null ? Dispatch(operation, input, cancellationToken) : InvokeSharedAsync(operation, input, cancellationToken);
    }

    private ValueTask<JValue> Dispatch(string operation, JObject input, CancellationToken cancellationToken)
    {
        return operation switch
        {
            "SendMessage" => SendMessageOpAsync(input, cancellationToken),
            "SendMessageBatch" => SendMessageBatchAsync(input, cancellationToken),
            "ReceiveMessage" => ReceiveMessageAsync(input, cancellationToken),
            "DeleteMessage" => DeleteMessageAsync(input, cancellationToken),
            "DeleteMessageBatch" => DeleteMessageBatchAsync(input, cancellationToken),
            "ChangeMessageVisibility" => ChangeMessageVisibilityAsync(input, cancellationToken),
            "ChangeMessageVisibilityBatch" => ChangeMessageVisibilityBatchAsync(input, cancellationToken),
            "CreateQueue" => CreateQueueAsync(input, cancellationToken),
            "GetQueueUrl" => new(GetQueueUrl(input)),
            "ListQueues" => new(ListQueues(input)),
            "GetQueueAttributes" => _shared is null ? new(GetQueueAttributes(input, null)) : GetQueueAttributesSharedAsync(input, cancellationToken),
            "SetQueueAttributes" => SetQueueAttributesAsync(input, cancellationToken),
            "DeleteQueue" => DeleteQueueAsync(input, cancellationToken),
            "PurgeQueue" => PurgeQueueAsync(input, cancellationToken),
            "TagQueue" => TagQueueAsync(input, cancellationToken),
            "UntagQueue" => UntagQueueAsync(input, cancellationToken),
            "ListQueueTags" => new(ListQueueTags(input)),
            "ListDeadLetterSourceQueues" => new(ListDeadLetterSourceQueues(input)),
            "AddPermission" or "RemovePermission" or "StartMessageMoveTask" or "CancelMessageMoveTask" or "ListMessageMoveTasks" =>
                throw new AwsServiceException("UnsupportedOperation", $"{operation} is not supported by Quickstep's SQS.") { QueryErrorCode = "AWS.SimpleQueueService.UnsupportedOperation" },
            _ => throw SqsErrors.UnknownOperation(operation),
        };
    }

    private const long DedupIntervalMs = 5 * 60 * 1000;

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private string ArnOf(string name) => $"arn:aws:sqs:{_options.Region}:{_options.AccountId}:{name}";

    private string UrlOf(string name) => $"{Endpoint.TrimEnd('/')}/{_options.AccountId}/{name}";

    /// <summary>The queue a URL (<c>http://HOST:PORT/ACCOUNT/NAME</c>, any host), an ARN or a bare name names.</summary>
    private SqsQueue Resolve(string queue) =>
        TryResolve(queue) is { } q ? q : throw SqsErrors.QueueDoesNotExist();

    private SqsQueue? TryResolve(string queue)
    {
        string? name;
        if (queue.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = queue.Split(':');
            name = parts.Length == 6 && parts[2] == "sqs" && parts[4] == _options.AccountId ? parts[5] : null;
        }
        else if (queue.Contains("://", StringComparison.Ordinal))
        {
            var path = queue.AsSpan().TrimEnd('/');
            var last = path.LastIndexOf('/');
            var before = last > 0 ? path[..last].LastIndexOf('/') : -1;
            name = before >= 0 && path[(before + 1)..last].SequenceEqual(_options.AccountId) ? path[(last + 1)..].ToString() : null;
        }
        else
        {
            name = queue;
        }

        return name is not null && _queues.TryGetValue(name, out var q) && !q.Deleted ? q : null;
    }

    private SqsQueue ResolveInput(JObject input) => Resolve(SqsInput.Required(input, "QueueUrl"));

    private static SqsMessage Restore(StoredMessageRecord r)
    {
        var values = new List<KeyValuePair<string, SqsMessageAttribute>>();
        JObject? attributes = null;
        if (r.AttributesJson is { } json)
        {
            attributes = (JObject)JsonText.Parse(json);
            foreach (var (name, v) in attributes)
                values.Add(new(name, AttributeFromJson((JObject)v)));
        }

        return new SqsMessage
        {
            Seq = r.Seq,
            MessageId = r.MessageId,
            Body = r.Body,
            Md5OfBody = SqsMd5.OfBody(r.Body),
            Attributes = attributes,
            AttributeValues = values,
            Md5OfAttributes = SqsMd5.OfAttributes(values),
            TraceHeader = r.TraceHeader,
            SentMs = r.SentMs,
            GroupId = r.GroupId,
            DeduplicationId = r.DeduplicationId,
            SequenceNumber = r.SequenceNumber,
            SourceQueueArn = r.SourceQueueArn,
            VisibleAtMs = r.VisibleAtMs,
            ReceiveCount = r.ReceiveCount,
            FirstReceiveMs = r.FirstReceiveMs,
        };
    }

    private static SqsMessageAttribute AttributeFromJson(JObject o)
    {
        var type = ((JString)o["DataType"]!).Value;
        return o["BinaryValue"] is JString b
            ? new SqsMessageAttribute(type, null, Convert.FromBase64String(b.Value))
            : new SqsMessageAttribute(type, (o["StringValue"] as JString)?.Value);
    }

    private static JObject Empty => JObject.Empty;
}
