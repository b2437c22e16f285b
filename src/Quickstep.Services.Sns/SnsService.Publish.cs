using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Sns;

public sealed partial class SnsService
{
    private const int MaxMessageBytes = 256 * 1024;
    private const int MaxBatchEntries = 10;

    private async ValueTask<JValue> PublishAsync(JObject input, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(AwsInput.String(input, "PhoneNumber")))
            throw SnsErrors.InvalidParameter("PhoneNumber Reason: SMS is not supported by this Quickstep server");
        var arn = AwsInput.String(input, "TopicArn") ?? AwsInput.String(input, "TargetArn");
        if (string.IsNullOrEmpty(arn))
            throw SnsErrors.InvalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        var topic = FindTopic(arn, input.ContainsKey("TopicArn") ? "TopicArn" : "TargetArn");
        var request = ParsePublish(input, topic);
        var (messageId, sequence) = await DeliverAsync(topic, request, ct).ConfigureAwait(false);
        var output = new JObjectBuilder(2).AddUnique("MessageId", JValue.FromString(messageId));
        if (sequence is not null)
            output.AddUnique("SequenceNumber", JValue.FromString(sequence));
        return output.Build();
    }

    private async ValueTask<JValue> PublishBatchAsync(JObject input, CancellationToken ct)
    {
        var topic = RequireTopic(input, "TopicArn");
        var entries = AwsInput.List(input, "PublishBatchRequestEntries");
        if (entries.Count == 0)
            throw new AwsServiceException("EmptyBatchRequest", "The batch request doesn't contain any entries.");
        if (entries.Count > MaxBatchEntries)
            throw new AwsServiceException("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var e in entries)
        {
            var id = e is JObject o ? AwsInput.String(o, "Id") : null;
            if (string.IsNullOrEmpty(id) || id.Length > 80 || !BatchIdRegex().IsMatch(id))
                throw new AwsServiceException("InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't abide by the specification.");
            if (!ids.Add(id))
                throw new AwsServiceException("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
            total += Encoding.UTF8.GetByteCount(AwsInput.String((JObject)e, "Message") ?? "");
        }

        if (total > MaxMessageBytes)
            throw new AwsServiceException("BatchRequestTooLong", "The length of all the messages put together is more than the limit.");

        var successful = new List<JValue>();
        var failed = new List<JValue>();
        foreach (JObject entry in entries)
        {
            var id = AwsInput.String(entry, "Id")!;
            try
            {
                var (messageId, sequence) = await DeliverAsync(topic, ParsePublish(entry, topic), ct).ConfigureAwait(false);
                var ok = new JObjectBuilder(3).AddUnique("Id", JValue.FromString(id)).AddUnique("MessageId", JValue.FromString(messageId));
                if (sequence is not null)
                    ok.AddUnique("SequenceNumber", JValue.FromString(sequence));
                successful.Add(ok.Build());
            }
            catch (AwsServiceException e)
            {
                failed.Add(new JObjectBuilder(4)
                    .AddUnique("Id", JValue.FromString(id))
                    .AddUnique("Code", JValue.FromString(e.Code))
                    .AddUnique("Message", JValue.FromString(e.Message))
                    .AddUnique("SenderFault", JValue.FromBool(e.SenderFault))
                    .Build());
            }
        }

        return new JObjectBuilder(2).AddUnique("Successful", JArray.Own([.. successful])).AddUnique("Failed", JArray.Own([.. failed])).Build();
    }

    private static PublishRequest ParsePublish(JObject input, TopicRecord topic)
    {
        var message = AwsInput.String(input, "Message");
        if (message is null)
            throw SnsErrors.Missing("Message");
        if (message.Length == 0)
            throw SnsErrors.InvalidParameter("Empty message");
        if (Encoding.UTF8.GetByteCount(message) > MaxMessageBytes)
            throw SnsErrors.InvalidParameter("Message too long");
        var subject = AwsInput.String(input, "Subject");
        if (subject is not null && (subject.Length is 0 or > 100 || subject.Any(c => c < 32 || c > 126)))
            throw SnsErrors.InvalidParameter("Subject");

        Dictionary<string, string>? perProtocol = null;
        var structure = AwsInput.String(input, "MessageStructure");
        if (structure is not null)
        {
            if (structure != "json")
                throw SnsErrors.InvalidParameter("Invalid parameter: MessageStructure");
            if (!JsonText.TryParse(message, out var parsed, out _) || parsed is not JObject o)
                throw SnsErrors.InvalidParameter("Message Structure - JSON message body failed to parse");
            perProtocol = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in o)
                perProtocol[k] = v is JString s ? s.Value : v.ToString();
            if (!perProtocol.TryGetValue("default", out var d))
                throw SnsErrors.InvalidParameter("Message Structure - No default entry in JSON message body");
            message = d;
        }

        var attributes = ParseAttributes(input);
        var groupId = AwsInput.String(input, "MessageGroupId");
        var dedupId = AwsInput.String(input, "MessageDeduplicationId");
        if (IsFifo(topic))
        {
            if (string.IsNullOrEmpty(groupId))
                throw SnsErrors.InvalidParameter("The MessageGroupId parameter is required for FIFO topics");
            if (string.IsNullOrEmpty(dedupId))
            {
                if (!(topic.Attributes.TryGetValue("ContentBasedDeduplication", out var cbd) && cbd == "true"))
                    throw SnsErrors.InvalidParameter("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
                dedupId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message)));
            }
        }
        else if (dedupId is not null)
        {
            throw SnsErrors.InvalidParameter("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type");
        }

        return new PublishRequest(message, subject, perProtocol, attributes, IsFifo(topic) ? groupId : null, dedupId);
    }

    private static Dictionary<string, SnsMessageAttribute> ParseAttributes(JObject input)
    {
        var result = new Dictionary<string, SnsMessageAttribute>(StringComparer.Ordinal);
        if (input["MessageAttributes"] is not JObject map)
            return result;
        if (map.Count > 10)
            throw SnsErrors.InvalidParameterValue($"Number of message attributes [{map.Count}] exceeds the allowed maximum [10].");
        foreach (var (name, value) in map)
        {
            if (name.Length is 0 or > 256 || !AttributeNameRegex().IsMatch(name) || name.Contains("..", StringComparison.Ordinal)
                || name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
                throw SnsErrors.InvalidParameterValue($"Invalid attribute name: {name}");
            var attr = value as JObject ?? JObject.Empty;
            var type = AwsInput.String(attr, "DataType");
            if (string.IsNullOrEmpty(type))
                throw SnsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute type.");
            var baseType = type.Split('.')[0];
            if (baseType is not ("String" or "Number" or "Binary"))
                throw SnsErrors.InvalidParameterValue($"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            if (baseType == "Binary")
            {
                var b64 = AwsInput.String(attr, "BinaryValue");
                byte[] bytes;
                try
                {
                    bytes = Convert.FromBase64String(b64 ?? "");
                }
                catch (FormatException)
                {
                    throw SnsErrors.InvalidParameterValue($"The message attribute '{name}' with type 'Binary' must have a valid base64 value.");
                }

                if (bytes.Length == 0)
                    throw SnsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type 'Binary'.");
                result[name] = new SnsMessageAttribute(type, null, bytes);
                continue;
            }

            var text = AwsInput.String(attr, "StringValue");
            if (string.IsNullOrEmpty(text))
                throw SnsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{baseType}'.");
            if (baseType == "Number" && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw SnsErrors.InvalidParameterValue($"Could not cast message attribute '{name}' value to number.");
            if (type == "String.Array" && !(JsonText.TryParse(text, out var arr, out _) && arr is JArray))
                throw SnsErrors.InvalidParameter($"Message attribute '{name}' must be a valid JSON array for type String.Array");
            result[name] = new SnsMessageAttribute(type, text, null);
        }

        return result;
    }

    /// <summary>The attributes as a filter policy sees them: String as strings, Number as numbers, String.Array as arrays; Binary not at all.</summary>
    private static JObject FilterView(IReadOnlyDictionary<string, SnsMessageAttribute> attributes)
    {
        var b = new JObjectBuilder(attributes.Count);
        foreach (var (name, a) in attributes)
        {
            if (a.StringValue is null)
                continue;
            if (a.DataType == "String.Array" && JsonText.TryParse(a.StringValue, out var arr, out _))
                b.Set(name, arr!);
            else if (a.DataType.StartsWith("Number", StringComparison.Ordinal))
                b.Set(name, JNumber.FromText(a.StringValue, double.Parse(a.StringValue, NumberStyles.Float, CultureInfo.InvariantCulture)));
            else
                b.Set(name, JValue.FromString(a.StringValue));
        }

        return b.Build();
    }

    /// <summary>Fans one message out to the topic's confirmed subscriptions: SQS deliveries complete before this returns; HTTP ones run in the background with retries.</summary>
    private async Task<(string MessageId, string? Sequence)> DeliverAsync(TopicRecord topic, PublishRequest request, CancellationToken ct)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var messageId = Guid.NewGuid().ToString();
        string? sequence = null;
        if (IsFifo(topic))
        {
            var (id, seq, duplicate) = _fifo.GetOrAdd(topic.Arn, _ => new FifoState()).Accept(request.DeduplicationId!, messageId, now);
            if (duplicate)
                return (id, seq);
            sequence = seq;
        }

        var endpoint = _options.Endpoint().TrimEnd('/');
        JObject? attributeView = null;
        JValue? bodyView = null;
        foreach (var sub in _subscriptions.Values)
        {
            if (sub.Record.TopicArn != topic.Arn || sub.Record.PendingConfirmation)
                continue;
            var message = request.PerProtocol is { } pp && pp.TryGetValue(sub.Record.Protocol, out var specific) ? specific : request.Message;
            if (sub.Filter is { } filter)
            {
                JValue view;
                if (sub.FilterOnBody)
                    view = bodyView ??= JsonText.TryParse(request.Message, out var parsed, out _) ? parsed! : JValue.Null;
                else
                    view = attributeView ??= FilterView(request.Attributes);
                if (!filter.Matches(view))
                    continue;
            }

            if (sub.Record.Protocol == "lambda")
            {
                Track(InvokeLambdaAsync(sub.Record.Endpoint, LambdaEvent(topic, sub.Record, request, message, messageId, now, endpoint)));
                continue;
            }

            var body = sub.Raw ? message : Envelope(topic, sub.Record, request, message, messageId, sequence, now, endpoint);
            if (sub.Record.Protocol == "sqs")
                await DeliverToQueueAsync(sub, body, request, ct).ConfigureAwait(false);
            else
                Track(PostAsync(sub.Record.Endpoint, body, "Notification", messageId, topic.Arn, sub.Record.Arn, sub.Raw));
        }

        return (messageId, sequence);
    }

    private async Task DeliverToQueueAsync(SnsSubscription sub, string body, PublishRequest request, CancellationToken ct)
    {
        var attributes = sub.Raw ? request.Attributes : new Dictionary<string, SnsMessageAttribute>();
        if (await TrySendAsync(sub.Record.Endpoint, body, attributes, request, ct).ConfigureAwait(false))
            return;
        // The queue refused (e.g. it does not exist): the message goes to the subscription's dead-letter queue if it
        // has one, else it is lost for this subscription; the publish itself succeeds, as on SNS.
        if (sub.DeadLetterQueueArn is { } dlq)
            await TrySendAsync(dlq, body, attributes, request, ct).ConfigureAwait(false);
    }

    private async Task<bool> TrySendAsync(string queueArn, string body, IReadOnlyDictionary<string, SnsMessageAttribute> attributes, PublishRequest request, CancellationToken ct)
    {
        try
        {
            await _sqs.SendAsync(queueArn, body, attributes, request.GroupId, request.DeduplicationId, ct).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // a subscriber's failure must not fail the publish or the other subscribers.
        catch (Exception) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>The JSON SNS wraps a message in for sqs and http(s) subscribers (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html).</summary>
    private static string Envelope(TopicRecord topic, SubscriptionRecord sub, PublishRequest request, string message, string messageId, string? sequence, DateTimeOffset now, string endpoint)
    {
        var timestamp = Timestamp(now);
        var b = new JObjectBuilder(12)
            .AddUnique("Type", JValue.FromString("Notification"))
            .AddUnique("MessageId", JValue.FromString(messageId));
        if (sequence is not null)
            b.AddUnique("SequenceNumber", JValue.FromString(sequence));
        b.AddUnique("TopicArn", JValue.FromString(topic.Arn));
        if (request.Subject is not null)
            b.AddUnique("Subject", JValue.FromString(request.Subject));
        b.AddUnique("Message", JValue.FromString(message));
        b.AddUnique("Timestamp", JValue.FromString(timestamp));
        // FIFO topics' notifications are not signed.
        if (sequence is null)
        {
            b.AddUnique("SignatureVersion", JValue.FromString("1"));
            b.AddUnique("Signature", JValue.FromString(Signature(message, messageId, request.Subject ?? "", timestamp, topic.Arn, "Notification")));
            b.AddUnique("SigningCertURL", JValue.FromString(endpoint + "/quickstep/sns/SimpleNotificationService.pem"));
        }

        b.AddUnique("UnsubscribeURL", JValue.FromString($"{endpoint}/?Action=Unsubscribe&SubscriptionArn={Uri.EscapeDataString(sub.Arn)}"));
        if (request.Attributes.Count > 0)
            b.AddUnique("MessageAttributes", AttributesJson(request.Attributes));

        return b.Build().ToString();
    }

    private async Task InvokeLambdaAsync(string functionArn, string eventJson)
    {
        try
        {
            await _options.Lambda!.InvokeAsync(functionArn, eventJson, _stopping.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a subscriber's failure must not fail the publish or the other subscribers.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The event SNS invokes a Lambda subscriber with (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html).</summary>
    private static string LambdaEvent(TopicRecord topic, SubscriptionRecord sub, PublishRequest request, string message, string messageId, DateTimeOffset now, string endpoint)
    {
        var timestamp = Timestamp(now);
        var sns = new JObjectBuilder(12)
            .AddUnique("Type", JValue.FromString("Notification"))
            .AddUnique("MessageId", JValue.FromString(messageId))
            .AddUnique("TopicArn", JValue.FromString(topic.Arn))
            .AddUnique("Subject", request.Subject is null ? JValue.Null : JValue.FromString(request.Subject))
            .AddUnique("Message", JValue.FromString(message))
            .AddUnique("Timestamp", JValue.FromString(timestamp))
            .AddUnique("SignatureVersion", JValue.FromString("1"))
            .AddUnique("Signature", JValue.FromString(Signature(message, messageId, request.Subject ?? "", timestamp, topic.Arn, "Notification")))
            .AddUnique("SigningCertUrl", JValue.FromString(endpoint + "/quickstep/sns/SimpleNotificationService.pem"))
            .AddUnique("UnsubscribeUrl", JValue.FromString($"{endpoint}/?Action=Unsubscribe&SubscriptionArn={Uri.EscapeDataString(sub.Arn)}"))
            .AddUnique("MessageAttributes", AttributesJson(request.Attributes))
            .Build();
        var record = new JObjectBuilder(4)
            .AddUnique("EventSource", JValue.FromString("aws:sns"))
            .AddUnique("EventVersion", JValue.FromString("1.0"))
            .AddUnique("EventSubscriptionArn", JValue.FromString(sub.Arn))
            .AddUnique("Sns", sns)
            .Build();
        return new JObjectBuilder(1).AddUnique("Records", JArray.Own([record])).Build().ToString();
    }

    /// <summary>The message attributes as SNS's JSON deliveries carry them: each name to its Type and Value (Binary in base64).</summary>
    private static JObject AttributesJson(IReadOnlyDictionary<string, SnsMessageAttribute> attributes)
    {
        var b = new JObjectBuilder(attributes.Count);
        foreach (var (name, a) in attributes)
        {
            b.Set(name, new JObjectBuilder(2)
                .AddUnique("Type", JValue.FromString(a.DataType))
                .AddUnique("Value", JValue.FromString(a.StringValue ?? Convert.ToBase64String(a.BinaryValue!)))
                .Build());
        }

        return b.Build();
    }

    private void Track(Task delivery)
    {
        _deliveries[delivery] = true;
        _ = delivery.ContinueWith(t => _deliveries.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>POSTs to an http/https subscriber as SNS does, retrying with doubling delays a bounded number of times.</summary>
    private async Task PostAsync(string url, string body, string messageType, string messageId, string topicArn, string? subscriptionArn, bool raw)
    {
        var ct = _stopping.Token;
        var delay = _options.HttpRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "UTF-8" };
                request.Headers.TryAddWithoutValidation("x-amz-sns-message-type", messageType);
                request.Headers.TryAddWithoutValidation("x-amz-sns-message-id", messageId);
                request.Headers.TryAddWithoutValidation("x-amz-sns-topic-arn", topicArn);
                if (subscriptionArn is not null)
                    request.Headers.TryAddWithoutValidation("x-amz-sns-subscription-arn", subscriptionArn);
                if (raw)
                    request.Headers.TryAddWithoutValidation("x-amz-sns-rawdelivery", "true");
                request.Headers.TryAddWithoutValidation("User-Agent", "Amazon Simple Notification Service Agent");
                using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // retried below
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // timed out: retried below
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (attempt >= _options.HttpRetries)
                return;
            try
            {
                await Task.Delay(delay, _options.TimeProvider, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay *= 2;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+$")]
    private static partial Regex AttributeNameRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex BatchIdRegex();
}
