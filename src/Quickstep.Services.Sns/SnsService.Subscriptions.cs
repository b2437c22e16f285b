using System.Globalization;
using System.Security.Cryptography;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Sns;

public sealed partial class SnsService
{
    private async ValueTask<JValue> SubscribeAsync(JObject input, CancellationToken ct)
    {
        var topic = RequireTopic(input, "TopicArn");
        var protocol = AwsInput.String(input, "Protocol");
        if (string.IsNullOrEmpty(protocol))
            throw SnsErrors.Missing("Protocol");
        var endpoint = AwsInput.String(input, "Endpoint") ?? "";
        switch (protocol)
        {
            case "sqs":
                if (!endpoint.StartsWith("arn:aws:sqs:", StringComparison.Ordinal) || endpoint.Split(':').Length != 6)
                    throw SnsErrors.InvalidParameter("SQS endpoint ARN");
                var fifoQueue = endpoint.EndsWith(".fifo", StringComparison.Ordinal);
                if (IsFifo(topic) && !fifoQueue)
                    throw SnsErrors.InvalidParameter("Invalid parameter: Endpoint Reason: Please use FIFO SQS queue");
                if (!IsFifo(topic) && fifoQueue)
                    throw SnsErrors.InvalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
                break;
            case "http" or "https":
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != protocol)
                    throw SnsErrors.InvalidParameter("Endpoint must match the specified protocol");
                if (IsFifo(topic))
                    throw SnsErrors.InvalidParameter("Invalid parameter: Endpoint Reason: FIFO topics only support SQS subscriptions");
                break;
            case "lambda":
                if (_options.Lambda is null)
                    throw SnsErrors.InvalidParameter("Lambda subscriptions are not supported by this Quickstep server (it has no Lambda functions to deliver to)");
                if (!endpoint.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) || endpoint.Split(':').Length is not (7 or 8))
                    throw SnsErrors.InvalidParameter("Invalid parameter: Lambda endpoint ARN");
                if (IsFifo(topic))
                    throw SnsErrors.InvalidParameter("Invalid parameter: Endpoint Reason: FIFO topics only support SQS subscriptions");
                break;
            case "email" or "email-json" or "sms" or "application" or "firehose":
                throw SnsErrors.InvalidParameter($"Protocol {protocol} is not supported by this Quickstep server; use sqs, http or https");
            default:
                throw SnsErrors.InvalidParameter("Amazon SNS does not support this protocol string: " + protocol);
        }

        var attributes = AwsInput.StringMap(input, "Attributes");
        ValidateSubscriptionAttributes(attributes, onSubscribe: true);
        var filter = CompileFilter(attributes, onSubscribe: true);
        var returnArn = AwsInput.Bool(input, "ReturnSubscriptionArn") ?? false;

        SnsSubscription? created = null;
        SnsSubscription? result = null;
        await MutateAsync(async () =>
        {
            var existing = _subscriptions.Values.FirstOrDefault(s => s.Record.TopicArn == topic.Arn && s.Record.Protocol == protocol && s.Record.Endpoint == endpoint);
            if (existing is not null)
            {
                foreach (var (k, v) in attributes)
                {
                    if (!existing.Record.Attributes.TryGetValue(k, out var old) || old != v)
                        throw SnsErrors.InvalidParameter("Attributes Reason: Subscription already exists with different attributes");
                }

                result = existing;
                return;
            }

            var pending = protocol is "http" or "https";
            var record = new SubscriptionRecord
            {
                Arn = topic.Arn + ":" + Guid.NewGuid().ToString(),
                TopicArn = topic.Arn,
                Protocol = protocol,
                Endpoint = endpoint,
                Attributes = attributes,
                PendingConfirmation = pending,
                Token = pending ? RandomNumberGenerator.GetHexString(128, lowercase: true) : null,
                CreationTime = _options.TimeProvider.GetUtcNow(),
            };
            await _store.PutSubscriptionAsync(record, ct).ConfigureAwait(false);
            created = result = new SnsSubscription(record, filter);
            _subscriptions[record.Arn] = created;
        }, ct).ConfigureAwait(false);

        if (created is { Record.PendingConfirmation: true })
            Track(SendConfirmationAsync(created.Record));
        var arn = result!.Record.PendingConfirmation && !returnArn ? "pending confirmation" : result.Record.Arn;
        return new JObjectBuilder(1).AddUnique("SubscriptionArn", JValue.FromString(arn)).Build();
    }

    private static void ValidateSubscriptionAttributes(Dictionary<string, string> attributes, bool onSubscribe)
    {
        var prefix = onSubscribe ? "Attributes Reason: " : "";
        foreach (var (k, v) in attributes.ToList())
        {
            if (!SubscriptionAttributeNames.Contains(k))
                throw SnsErrors.InvalidParameter(onSubscribe ? "Attributes Reason: Unknown attribute " + k : "AttributeName");
            switch (k)
            {
                case "RawMessageDelivery":
                    if (!bool.TryParse(v, out var raw))
                        throw SnsErrors.InvalidParameter($"{prefix}RawMessageDelivery: Invalid value [{v}]. Must be true or false.");
                    attributes[k] = raw ? "true" : "false";
                    break;
                case "RedrivePolicy" when v.Length > 0:
                    if (!JsonText.TryParse(v, out var policy, out _) || policy is not JObject o || o["deadLetterTargetArn"] is not JString { Value: var dlq } || !dlq.StartsWith("arn:aws:sqs:", StringComparison.Ordinal))
                        throw SnsErrors.InvalidParameter($"{prefix}RedrivePolicy: deadLetterTargetArn is invalid");
                    break;
            }
        }
    }

    private async Task SendConfirmationAsync(SubscriptionRecord subscription)
    {
        var endpoint = _options.Endpoint().TrimEnd('/');
        var messageId = Guid.NewGuid().ToString();
        var subscribeUrl = $"{endpoint}/?Action=ConfirmSubscription&TopicArn={Uri.EscapeDataString(subscription.TopicArn)}&Token={subscription.Token}";
        var timestamp = Timestamp(_options.TimeProvider.GetUtcNow());
        var message = $"You have chosen to subscribe to the topic {subscription.TopicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.";
        var body = new JObjectBuilder(10)
            .AddUnique("Type", JValue.FromString("SubscriptionConfirmation"))
            .AddUnique("MessageId", JValue.FromString(messageId))
            .AddUnique("Token", JValue.FromString(subscription.Token!))
            .AddUnique("TopicArn", JValue.FromString(subscription.TopicArn))
            .AddUnique("Message", JValue.FromString(message))
            .AddUnique("SubscribeURL", JValue.FromString(subscribeUrl))
            .AddUnique("Timestamp", JValue.FromString(timestamp))
            .AddUnique("SignatureVersion", JValue.FromString("1"))
            .AddUnique("Signature", JValue.FromString(Signature(messageId, message, timestamp, subscription.TopicArn)))
            .AddUnique("SigningCertURL", JValue.FromString(endpoint + "/quickstep/sns/SimpleNotificationService.pem"))
            .Build();
        await PostAsync(subscription.Endpoint, body.ToString(), "SubscriptionConfirmation", messageId, subscription.TopicArn, null, raw: false).ConfigureAwait(false);
    }

    private async ValueTask<JValue> ConfirmSubscriptionAsync(JObject input, CancellationToken ct)
    {
        var topic = RequireTopic(input, "TopicArn");
        var token = AwsInput.String(input, "Token");
        if (string.IsNullOrEmpty(token))
            throw SnsErrors.Missing("Token");
        SubscriptionRecord? confirmed = null;
        await MutateAsync(async () =>
        {
            var sub = _subscriptions.Values.FirstOrDefault(s => s.Record.TopicArn == topic.Arn && s.Record.Token == token)
                ?? throw SnsErrors.InvalidParameter("Token");
            confirmed = sub.Record with { PendingConfirmation = false };
            if (sub.Record.PendingConfirmation)
            {
                await _store.PutSubscriptionAsync(confirmed, ct).ConfigureAwait(false);
                _subscriptions[confirmed.Arn] = new SnsSubscription(confirmed, sub.Filter);
            }
        }, ct).ConfigureAwait(false);
        return new JObjectBuilder(1).AddUnique("SubscriptionArn", JValue.FromString(confirmed!.Arn)).Build();
    }

    private SnsSubscription RequireSubscription(JObject input)
    {
        var arn = AwsInput.String(input, "SubscriptionArn");
        if (string.IsNullOrEmpty(arn))
            throw SnsErrors.Missing("SubscriptionArn");
        if (_subscriptions.TryGetValue(arn, out var sub))
            return sub;
        var parts = arn.Split(':').Length;
        if (parts < 6)
            throw SnsErrors.InvalidParameter($"SubscriptionArn Reason: An ARN must have at least 6 elements, not {parts}");
        throw SnsErrors.SubscriptionNotFound();
    }

    private async ValueTask<JValue> UnsubscribeAsync(JObject input, CancellationToken ct)
    {
        var sub = RequireSubscription(input);
        await MutateAsync(async () =>
        {
            await _store.DeleteSubscriptionAsync(sub.Record.Arn, ct).ConfigureAwait(false);
            _subscriptions.TryRemove(sub.Record.Arn, out _);
        }, ct).ConfigureAwait(false);
        return JObject.Empty;
    }

    private JObject ListSubscriptions(JObject input, string? topicArn)
    {
        var all = _subscriptions.Values
            .Where(s => topicArn is null || s.Record.TopicArn == topicArn)
            .OrderBy(s => s.Record.CreationTime).ThenBy(s => s.Record.Arn, StringComparer.Ordinal).ToList();
        var start = Offset(AwsInput.String(input, "NextToken"));
        var page = all.Skip(start).Take(PageSize).Select(s => (JValue)new JObjectBuilder(5)
            .AddUnique("SubscriptionArn", JValue.FromString(s.Record.PendingConfirmation ? "PendingConfirmation" : s.Record.Arn))
            .AddUnique("Owner", JValue.FromString(_options.AccountId))
            .AddUnique("Protocol", JValue.FromString(s.Record.Protocol))
            .AddUnique("Endpoint", JValue.FromString(s.Record.Endpoint))
            .AddUnique("TopicArn", JValue.FromString(s.Record.TopicArn))
            .Build()).ToArray();
        var output = new JObjectBuilder(2).AddUnique("Subscriptions", JArray.Own(page));
        if (start + PageSize < all.Count)
            output.AddUnique("NextToken", JValue.FromString(Token(start + PageSize)));
        return output.Build();
    }

    private JObject GetSubscriptionAttributes(JObject input)
    {
        var sub = RequireSubscription(input).Record;
        var a = new JObjectBuilder(12);
        a.Set("ConfirmationWasAuthenticated", JValue.FromString(sub.PendingConfirmation ? "false" : "true"));
        a.Set("PendingConfirmation", JValue.FromString(sub.PendingConfirmation ? "true" : "false"));
        a.Set("Owner", JValue.FromString(_options.AccountId));
        a.Set("RawMessageDelivery", JValue.FromString("false"));
        a.Set("TopicArn", JValue.FromString(sub.TopicArn));
        a.Set("Endpoint", JValue.FromString(sub.Endpoint));
        a.Set("Protocol", JValue.FromString(sub.Protocol));
        a.Set("SubscriptionPrincipal", JValue.FromString($"arn:aws:iam::{_options.AccountId}:root"));
        a.Set("SubscriptionArn", JValue.FromString(sub.Arn));
        if (sub.Protocol is "http" or "https")
            a.Set("EffectiveDeliveryPolicy", JValue.FromString(DefaultDeliveryPolicy));
        foreach (var (k, v) in sub.Attributes)
            a.Set(k, JValue.FromString(v));
        if (sub.Attributes.ContainsKey("FilterPolicy") && !sub.Attributes.ContainsKey("FilterPolicyScope"))
            a.Set("FilterPolicyScope", JValue.FromString("MessageAttributes"));
        return new JObjectBuilder(1).AddUnique("Attributes", a.Build()).Build();
    }

    private async ValueTask<JValue> SetSubscriptionAttributesAsync(JObject input, CancellationToken ct)
    {
        var sub = RequireSubscription(input);
        var name = AwsInput.String(input, "AttributeName");
        if (string.IsNullOrEmpty(name) || !SubscriptionAttributeNames.Contains(name))
            throw SnsErrors.InvalidParameter("AttributeName");
        var value = AwsInput.String(input, "AttributeValue") ?? "";
        await MutateAsync(async () =>
        {
            var current = _subscriptions.TryGetValue(sub.Record.Arn, out var s) ? s.Record : throw SnsErrors.SubscriptionNotFound();
            var attributes = new Dictionary<string, string>(current.Attributes, StringComparer.Ordinal);
            if (value.Length == 0 && name is "FilterPolicy" or "RedrivePolicy")
                attributes.Remove(name);
            else
                attributes[name] = value;
            ValidateSubscriptionAttributes(attributes, onSubscribe: false);
            var filter = CompileFilter(attributes, onSubscribe: false);
            var updated = current with { Attributes = attributes };
            await _store.PutSubscriptionAsync(updated, ct).ConfigureAwait(false);
            _subscriptions[updated.Arn] = new SnsSubscription(updated, filter);
        }, ct).ConfigureAwait(false);
        return JObject.Empty;
    }

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// SNS signs with a key only AWS holds; a local server cannot produce a signature AWS's certificate verifies, so
    /// this is a digest of the fields SNS signs (stable, but not verifiable as an AWS signature).
    /// </summary>
    private static string Signature(params string[] fields) =>
        Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', fields))));
}
