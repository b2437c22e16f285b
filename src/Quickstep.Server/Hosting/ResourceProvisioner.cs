using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Creates the configuration's resources at start through each service's <see cref="IAwsService"/> (the same calls a
/// client makes): CreateQueue, CreateTopic, Subscribe, CreateEventBus, CreateBucket. Idempotent: a resource that
/// exists is kept (a queue whose attributes changed gets SetQueueAttributes), so every start may apply the same file.
/// </summary>
internal static class ResourceProvisioner
{
    /// <returns>What exists now, one line per resource (for the log).</returns>
    public static async Task<IReadOnlyList<string>> ApplyAsync(ResourcesConfig resources, IReadOnlyDictionary<string, IAwsService> services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(services);
        var done = new List<string>();
        var queueUrls = new Dictionary<string, string>(StringComparer.Ordinal);
        var topicArns = new Dictionary<string, string>(StringComparer.Ordinal);

        if (resources.Queues.Count > 0)
        {
            var sqs = Service(services, "sqs", "queues");
            foreach (var queue in resources.Queues)
            {
                queueUrls[queue.Name] = await CreateQueueAsync(sqs, queue, cancellationToken).ConfigureAwait(false);
                done.Add("queue " + queueUrls[queue.Name]);
            }
        }

        if (resources.Topics.Count > 0 || resources.Subscriptions.Count > 0)
        {
            var sns = Service(services, "sns", resources.Topics.Count > 0 ? "topics" : "subscriptions");
            foreach (var topic in resources.Topics)
            {
                var input = new JObjectBuilder(3).Set("Name", JString.Create(topic.Name));
                if (topic.Attributes.Count > 0)
                    input.Set("Attributes", Map(topic.Attributes));
                if (topic.Tags.Count > 0)
                    input.Set("Tags", TagList(topic.Tags));
                var output = await CallAsync(sns, "CreateTopic", input.Build(), $"topic '{topic.Name}'", cancellationToken).ConfigureAwait(false);
                topicArns[topic.Name] = Member(output, "TopicArn", "CreateTopic");
                done.Add("topic " + topicArns[topic.Name]);
            }

            foreach (var subscription in resources.Subscriptions)
            {
                var topicArn = topicArns.TryGetValue(subscription.Topic, out var arn) ? arn : subscription.Topic;
                var endpoint = subscription.Endpoint;
                if (subscription.Protocol == "sqs" && queueUrls.TryGetValue(endpoint, out var queueUrl))
                    endpoint = await QueueArnAsync(Service(services, "sqs", "subscriptions"), queueUrl, cancellationToken).ConfigureAwait(false);
                var input = new JObjectBuilder(5)
                    .Set("TopicArn", JString.Create(topicArn))
                    .Set("Protocol", JString.Create(subscription.Protocol))
                    .Set("Endpoint", JString.Create(endpoint))
                    .Set("ReturnSubscriptionArn", JValue.True);
                if (subscription.Attributes.Count > 0)
                    input.Set("Attributes", Map(subscription.Attributes));
                var output = await CallAsync(sns, "Subscribe", input.Build(), $"subscription of {endpoint} to {topicArn}", cancellationToken).ConfigureAwait(false);
                done.Add("subscription " + Member(output, "SubscriptionArn", "Subscribe"));
            }
        }

        if (resources.Buses.Count > 0)
        {
            var events = Service(services, "events", "buses");
            foreach (var bus in resources.Buses)
            {
                var input = new JObjectBuilder(2).Set("Name", JString.Create(bus.Name));
                if (bus.Tags.Count > 0)
                    input.Set("Tags", TagList(bus.Tags));
                await CallAsync(events, "CreateEventBus", input.Build(), $"event bus '{bus.Name}'", cancellationToken, "ResourceAlreadyExistsException").ConfigureAwait(false);
                done.Add("event bus " + bus.Name);
            }
        }

        if (resources.Buckets.Count > 0)
        {
            var s3 = Service(services, "s3", "buckets");
            foreach (var bucket in resources.Buckets)
            {
                var input = new JObjectBuilder(1).Set("Bucket", JString.Create(bucket.Name)).Build();
                await CallAsync(s3, "CreateBucket", input, $"bucket '{bucket.Name}'", cancellationToken, "BucketAlreadyOwnedByYou").ConfigureAwait(false);
                done.Add("bucket " + bucket.Name);
            }
        }

        return done;
    }

    private static async Task<string> CreateQueueAsync(IAwsService sqs, NamedResource queue, CancellationToken cancellationToken)
    {
        var input = new JObjectBuilder(3).Set("QueueName", JString.Create(queue.Name));
        if (queue.Attributes.Count > 0)
            input.Set("Attributes", Map(queue.Attributes));
        if (queue.Tags.Count > 0)
            input.Set("tags", Map(queue.Tags));
        try
        {
            var output = await sqs.InvokeAsync("CreateQueue", input.Build(), cancellationToken).ConfigureAwait(false);
            return Member(output, "QueueUrl", "CreateQueue");
        }
        catch (AwsServiceException e) when (e.Code is "QueueNameExists" or "QueueAlreadyExists" || e.QueryErrorCode == "QueueAlreadyExists")
        {
            // Created by an earlier start with other attributes: keep the queue (and its messages), apply the file's attributes.
            var found = await CallAsync(sqs, "GetQueueUrl", new JObjectBuilder(1).Set("QueueName", JString.Create(queue.Name)).Build(), $"queue '{queue.Name}'", cancellationToken).ConfigureAwait(false);
            var url = Member(found, "QueueUrl", "GetQueueUrl");
            var update = new JObjectBuilder(2).Set("QueueUrl", JString.Create(url)).Set("Attributes", Map(queue.Attributes)).Build();
            await CallAsync(sqs, "SetQueueAttributes", update, $"queue '{queue.Name}'", cancellationToken).ConfigureAwait(false);
            return url;
        }
        catch (AwsServiceException e)
        {
            throw new QuickstepConfigException($"resources: cannot create queue '{queue.Name}': {e.Code}: {e.Message}", e);
        }
    }

    private static async Task<string> QueueArnAsync(IAwsService sqs, string queueUrl, CancellationToken cancellationToken)
    {
        var input = new JObjectBuilder(2)
            .Set("QueueUrl", JString.Create(queueUrl))
            .Set("AttributeNames", JArray.Create(JString.Create("QueueArn")))
            .Build();
        var output = await CallAsync(sqs, "GetQueueAttributes", input, $"queue {queueUrl}", cancellationToken).ConfigureAwait(false);
        return output is JObject { } o && o["Attributes"] is JObject attributes && attributes["QueueArn"] is JString arn
            ? arn.Value
            : throw new QuickstepConfigException($"resources: GetQueueAttributes of {queueUrl} returned no QueueArn.");
    }

    private static async Task<JValue> CallAsync(IAwsService service, string operation, JObject input, string what, CancellationToken cancellationToken, string? existsCode = null)
    {
        try
        {
            return await service.InvokeAsync(operation, input, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Code == existsCode)
        {
            return JObject.Empty;
        }
        catch (AwsServiceException e)
        {
            throw new QuickstepConfigException($"resources: cannot create {what}: {operation} failed with {e.Code}: {e.Message}", e);
        }
    }

    private static IAwsService Service(IReadOnlyDictionary<string, IAwsService> services, string name, string member) =>
        services.TryGetValue(name, out var service)
            ? service
            : throw new QuickstepConfigException($"resources.{member} needs the '{name}' service, which this server does not run.");

    private static string Member(JValue output, string member, string operation) =>
        output is JObject o && o[member] is JString s
            ? s.Value
            : throw new QuickstepConfigException($"resources: {operation} returned no {member}.");

    private static JObject Map(IReadOnlyDictionary<string, string> values)
    {
        var builder = new JObjectBuilder(values.Count);
        foreach (var (key, value) in values)
            builder.Set(key, JString.Create(value));
        return builder.Build();
    }

    private static JArray TagList(IReadOnlyDictionary<string, string> tags) =>
        JArray.Own([.. tags.Select(t => (JValue)new JObjectBuilder(2).Set("Key", JString.Create(t.Key)).Set("Value", JString.Create(t.Value)).Build())]);
}
