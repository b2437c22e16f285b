using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Aws;
using Quickstep.EventPatterns;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Sns;

/// <summary>
/// Amazon SNS: topics (standard and FIFO), subscriptions (sqs; http/https with the confirmation handshake), filter
/// policies, Publish/PublishBatch with delivery in SNS's envelope or raw, tags. Input and output in the shapes of
/// sns/2010-03-31 (https://docs.aws.amazon.com/sns/latest/api/); topics and subscriptions are durable in the store.
/// </summary>
public sealed partial class SnsService : IAwsService, IAsyncDisposable
{
    /// <summary>The operations, as the query protocol's <c>Action</c> names them.</summary>
    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal)
    {
        "CreateTopic", "ListTopics", "GetTopicAttributes", "SetTopicAttributes", "DeleteTopic", "Subscribe", "ConfirmSubscription",
        "Unsubscribe", "ListSubscriptions", "ListSubscriptionsByTopic", "GetSubscriptionAttributes", "SetSubscriptionAttributes",
        "Publish", "PublishBatch", "TagResource", "UntagResource", "ListTagsForResource",
    };

    /// <summary>Output members that are maps (written as entry/key/value in XML).</summary>
    public static readonly IReadOnlySet<string> MapMembers = new HashSet<string>(StringComparer.Ordinal) { "Attributes" };

    private const int PageSize = 100;

    private static readonly HashSet<string> TopicAttributeNames = new(StringComparer.Ordinal)
    {
        "DeliveryPolicy", "DisplayName", "FifoTopic", "Policy", "SignatureVersion", "TracingConfig", "KmsMasterKeyId",
        "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope", "DataProtectionPolicy",
    };

    private static readonly HashSet<string> SubscriptionAttributeNames = new(StringComparer.Ordinal)
    {
        "DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy",
    };

    private readonly ITopicStore _store;
    private readonly SnsOptions _options;
    private readonly ISqsDeliveryTarget _sqs;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ConcurrentDictionary<string, TopicRecord> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SnsSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FifoState> _fifo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _deliveries = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    public SnsService(ITopicStore store, ISqsDeliveryTarget sqs, SnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _sqs = sqs;
        _options = options;
        _ownsHttp = options.HttpClient is null;
        _http = options.HttpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
    }

    public string SigningName => "sns";

    /// <summary>Creates the tables and loads topics and subscriptions.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var t in await _store.ListTopicsAsync(cancellationToken).ConfigureAwait(false))
            _topics[t.Arn] = t;
        foreach (var s in await _store.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false))
            _subscriptions[s.Arn] = new SnsSubscription(s, TryCompile(s.Attributes));
    }

    public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return operation switch
        {
            "CreateTopic" => CreateTopicAsync(input, cancellationToken),
            "ListTopics" => Done(ListTopics(input)),
            "GetTopicAttributes" => Done(GetTopicAttributes(input)),
            "SetTopicAttributes" => SetTopicAttributesAsync(input, cancellationToken),
            "DeleteTopic" => DeleteTopicAsync(input, cancellationToken),
            "Subscribe" => SubscribeAsync(input, cancellationToken),
            "ConfirmSubscription" => ConfirmSubscriptionAsync(input, cancellationToken),
            "Unsubscribe" => UnsubscribeAsync(input, cancellationToken),
            "ListSubscriptions" => Done(ListSubscriptions(input, null)),
            "ListSubscriptionsByTopic" => Done(ListSubscriptions(input, RequireTopic(input, "TopicArn").Arn)),
            "GetSubscriptionAttributes" => Done(GetSubscriptionAttributes(input)),
            "SetSubscriptionAttributes" => SetSubscriptionAttributesAsync(input, cancellationToken),
            "Publish" => PublishAsync(input, cancellationToken),
            "PublishBatch" => PublishBatchAsync(input, cancellationToken),
            "TagResource" => TagResourceAsync(input, cancellationToken),
            "UntagResource" => UntagResourceAsync(input, cancellationToken),
            "ListTagsForResource" => Done(ListTagsForResource(input)),
            _ => throw new AwsServiceException("InvalidAction", $"The action {operation} is not valid for this endpoint."),
        };
    }

    private static ValueTask<JValue> Done(JValue value) => ValueTask.FromResult(value);

    /// <summary>Waits for HTTP deliveries in flight to finish their current attempt, then stops retrying.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_deliveries.Keys).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Retries stopped by shutdown.
        }

        if (_ownsHttp)
            _http.Dispose();
        _stopping.Dispose();
        _gate.Dispose();
    }

    private string TopicArn(string name) => $"arn:aws:sns:{_options.Region}:{_options.AccountId}:{name}";

    private static bool IsFifo(TopicRecord topic) => topic.Attributes.TryGetValue("FifoTopic", out var f) && string.Equals(f, "true", StringComparison.OrdinalIgnoreCase);

    private TopicRecord RequireTopic(JObject input, string member)
    {
        var arn = AwsInput.String(input, member);
        if (string.IsNullOrEmpty(arn))
            throw SnsErrors.Missing(member);
        return FindTopic(arn, member);
    }

    private TopicRecord FindTopic(string arn, string member)
    {
        if (_topics.TryGetValue(arn, out var topic))
            return topic;
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Split(':').Length < 6)
            throw SnsErrors.InvalidParameter(member);
        throw SnsErrors.TopicNotFound();
    }

    private async Task MutateAsync(Func<Task> change, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await change().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Replaces the topic with what <paramref name="change"/> makes of its current record, in the store and here, under the gate.</summary>
    private Task UpdateTopicAsync(string arn, Func<AwsServiceException> notFound, Func<TopicRecord, TopicRecord> change, CancellationToken ct) =>
        MutateAsync(
            async () =>
            {
                var updated = change(_topics.TryGetValue(arn, out var current) ? current : throw notFound());
                await _store.PutTopicAsync(updated, ct).ConfigureAwait(false);
                _topics[arn] = updated;
            },
            ct);

    // ---- topics ----

    private async ValueTask<JValue> CreateTopicAsync(JObject input, CancellationToken ct)
    {
        var name = AwsInput.String(input, "Name");
        if (string.IsNullOrEmpty(name))
            throw SnsErrors.InvalidParameter("Topic Name");
        var attributes = AwsInput.StringMap(input, "Attributes");
        foreach (var key in attributes.Keys)
        {
            if (!TopicAttributeNames.Contains(key))
                throw SnsErrors.InvalidParameter("Attributes Reason: Unknown attribute " + key);
        }

        var fifo = attributes.TryGetValue("FifoTopic", out var f) && string.Equals(f, "true", StringComparison.OrdinalIgnoreCase);
        if (fifo != name.EndsWith(".fifo", StringComparison.Ordinal) || !TopicNameRegex().IsMatch(name) || name.Length > 256)
        {
            throw SnsErrors.InvalidParameter(fifo || name.EndsWith(".fifo", StringComparison.Ordinal)
                ? "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
                : "Topic Name");
        }

        if (fifo)
            attributes["FifoTopic"] = "true";
        else
            attributes.Remove("FifoTopic");
        if (attributes.TryGetValue("ContentBasedDeduplication", out var cbd))
        {
            if (!fifo)
                throw SnsErrors.InvalidParameter("Attributes Reason: ContentBasedDeduplication is only valid for FIFO topics");
            attributes["ContentBasedDeduplication"] = string.Equals(cbd, "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
        }

        var tags = ParseTags(input);
        var arn = TopicArn(name);
        await MutateAsync(async () =>
        {
            if (_topics.TryGetValue(arn, out var existing))
            {
                // CreateTopic is idempotent; the same name with other attributes is an error.
                foreach (var (k, v) in attributes)
                {
                    if (!existing.Attributes.TryGetValue(k, out var old) || old != v)
                        throw SnsErrors.InvalidParameter("Attributes Reason: Topic already exists with different attributes");
                }

                return;
            }

            var topic = new TopicRecord { Arn = arn, Name = name, Attributes = attributes, Tags = tags, CreationTime = _options.TimeProvider.GetUtcNow() };
            await _store.PutTopicAsync(topic, ct).ConfigureAwait(false);
            _topics[arn] = topic;
        }, ct).ConfigureAwait(false);
        return new JObjectBuilder(1).AddUnique("TopicArn", JValue.FromString(arn)).Build();
    }

    private static List<ResourceTag> ParseTags(JObject input)
    {
        var tags = new List<ResourceTag>();
        foreach (var t in AwsInput.List(input, "Tags"))
        {
            if (t is not JObject tag || AwsInput.String(tag, "Key") is not { Length: > 0 } key)
                throw SnsErrors.InvalidParameter("Tags Reason: Tag keys must be between 1 and 128 characters in length.");
            tags.RemoveAll(x => x.Key == key);
            tags.Add(new ResourceTag(key, AwsInput.String(tag, "Value") ?? ""));
        }

        if (tags.Count > 50)
            throw new AwsServiceException("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
        return tags;
    }

    private JObject ListTopics(JObject input)
    {
        var all = _topics.Values.OrderBy(t => t.CreationTime).ThenBy(t => t.Arn, StringComparer.Ordinal).ToList();
        var start = Offset(AwsInput.String(input, "NextToken"));
        var page = all.Skip(start).Take(PageSize).Select(t => (JValue)new JObjectBuilder(1).AddUnique("TopicArn", JValue.FromString(t.Arn)).Build()).ToArray();
        var output = new JObjectBuilder(2).AddUnique("Topics", JArray.Own(page));
        if (start + PageSize < all.Count)
            output.AddUnique("NextToken", JValue.FromString(Token(start + PageSize)));
        return output.Build();
    }

    private static string Token(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static int Offset(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0)
                return n;
        }
        catch (FormatException)
        {
            // answered below
        }

        throw SnsErrors.InvalidParameter("NextToken");
    }

    private JObject GetTopicAttributes(JObject input)
    {
        var topic = RequireTopic(input, "TopicArn");
        var subs = _subscriptions.Values.Where(s => s.Record.TopicArn == topic.Arn).ToList();
        var a = new JObjectBuilder(12);
        a.Set("Policy", JValue.FromString(topic.Attributes.TryGetValue("Policy", out var p) ? p : DefaultPolicy(topic.Arn)));
        a.Set("Owner", JValue.FromString(_options.AccountId));
        a.Set("SubscriptionsPending", JValue.FromString(subs.Count(s => s.Record.PendingConfirmation).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        a.Set("TopicArn", JValue.FromString(topic.Arn));
        a.Set("EffectiveDeliveryPolicy", JValue.FromString(DefaultDeliveryPolicy));
        a.Set("SubscriptionsConfirmed", JValue.FromString(subs.Count(s => !s.Record.PendingConfirmation).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        a.Set("DisplayName", JValue.FromString(topic.Attributes.TryGetValue("DisplayName", out var d) ? d : ""));
        a.Set("SubscriptionsDeleted", JValue.FromString("0"));
        if (IsFifo(topic))
            a.Set("ContentBasedDeduplication", JValue.FromString(topic.Attributes.TryGetValue("ContentBasedDeduplication", out var c) ? c : "false"));
        foreach (var (k, v) in topic.Attributes)
        {
            if (!a.ContainsKey(k))
                a.Set(k, JValue.FromString(v));
        }

        return new JObjectBuilder(1).AddUnique("Attributes", a.Build()).Build();
    }

    private const string DefaultDeliveryPolicy = """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}""";

    private string DefaultPolicy(string arn) =>
        """{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":" """.TrimEnd()
        + arn + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + _options.AccountId + "\"}}}]}";

    private async ValueTask<JValue> SetTopicAttributesAsync(JObject input, CancellationToken ct)
    {
        var topic = RequireTopic(input, "TopicArn");
        var name = AwsInput.String(input, "AttributeName");
        if (string.IsNullOrEmpty(name) || !TopicAttributeNames.Contains(name) || name == "FifoTopic")
            throw SnsErrors.InvalidParameter("AttributeName");
        var value = AwsInput.String(input, "AttributeValue") ?? "";
        if (name == "ContentBasedDeduplication")
        {
            if (!IsFifo(topic))
                throw SnsErrors.InvalidParameter("AttributeName");
            value = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
        }

        await UpdateTopicAsync(
            topic.Arn,
            SnsErrors.TopicNotFound,
            current => current with { Attributes = new Dictionary<string, string>(current.Attributes, StringComparer.Ordinal) { [name] = value } },
            ct).ConfigureAwait(false);
        return JObject.Empty;
    }

    private async ValueTask<JValue> DeleteTopicAsync(JObject input, CancellationToken ct)
    {
        var arn = AwsInput.String(input, "TopicArn");
        if (string.IsNullOrEmpty(arn))
            throw SnsErrors.Missing("TopicArn");
        // Deleting a topic that does not exist succeeds, as on AWS.
        await MutateAsync(async () =>
        {
            await _store.DeleteTopicAsync(arn, ct).ConfigureAwait(false);
            _topics.TryRemove(arn, out _);
            _fifo.TryRemove(arn, out _);
            foreach (var s in _subscriptions.Values.Where(s => s.Record.TopicArn == arn).ToList())
                _subscriptions.TryRemove(s.Record.Arn, out _);
        }, ct).ConfigureAwait(false);
        return JObject.Empty;
    }

    // ---- tags ----

    private TopicRecord TaggedTopic(JObject input)
    {
        var arn = AwsInput.String(input, "ResourceArn");
        if (string.IsNullOrEmpty(arn))
            throw SnsErrors.Missing("ResourceArn");
        return _topics.TryGetValue(arn, out var topic) ? topic : throw SnsErrors.ResourceNotFound();
    }

    private async ValueTask<JValue> TagResourceAsync(JObject input, CancellationToken ct)
    {
        var topic = TaggedTopic(input);
        var added = ParseTags(input);
        await UpdateTopicAsync(topic.Arn, SnsErrors.ResourceNotFound, current =>
        {
            var tags = current.Tags.Where(x => added.All(a => a.Key != x.Key)).Concat(added).ToList();
            if (tags.Count > 50)
                throw new AwsServiceException("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
            return current with { Tags = tags };
        }, ct).ConfigureAwait(false);
        return JObject.Empty;
    }

    private async ValueTask<JValue> UntagResourceAsync(JObject input, CancellationToken ct)
    {
        var topic = TaggedTopic(input);
        var keys = AwsInput.List(input, "TagKeys").OfType<JString>().Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        await UpdateTopicAsync(topic.Arn, SnsErrors.ResourceNotFound, current => current with { Tags = current.Tags.Where(x => !keys.Contains(x.Key)).ToList() }, ct).ConfigureAwait(false);
        return JObject.Empty;
    }

    private JObject ListTagsForResource(JObject input)
    {
        var topic = TaggedTopic(input);
        var tags = topic.Tags.Select(t => (JValue)new JObjectBuilder(2).AddUnique("Key", JValue.FromString(t.Key)).AddUnique("Value", JValue.FromString(t.Value)).Build()).ToArray();
        return new JObjectBuilder(1).AddUnique("Tags", JArray.Own(tags)).Build();
    }

    // ---- filter policies ----

    private static EventPattern? TryCompile(IReadOnlyDictionary<string, string> attributes)
    {
        try
        {
            return CompileFilter(attributes, onSubscribe: false);
        }
        catch (AwsServiceException)
        {
            return null;
        }
    }

    private static EventPattern? CompileFilter(IReadOnlyDictionary<string, string> attributes, bool onSubscribe)
    {
        if (!attributes.TryGetValue("FilterPolicy", out var policy) || string.IsNullOrWhiteSpace(policy))
            return null;
        var scope = attributes.TryGetValue("FilterPolicyScope", out var s) ? s : "MessageAttributes";
        var prefix = onSubscribe ? "Attributes Reason: " : "";
        if (scope is not ("MessageAttributes" or "MessageBody"))
            throw SnsErrors.InvalidParameter($"{prefix}FilterPolicyScope: Invalid value [{scope}]. Please use either MessageBody or MessageAttributes");
        try
        {
            return EventPattern.Parse(policy, scope == "MessageBody" ? EventPatternDialect.SnsMessageBody : EventPatternDialect.SnsMessageAttributes);
        }
        catch (EventPatternException e)
        {
            throw SnsErrors.InvalidParameter(prefix + (e.OutsideFilterPolicy ? e.Message : "FilterPolicy: " + e.Message));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.fifo)?$")]
    private static partial Regex TopicNameRegex();
}
