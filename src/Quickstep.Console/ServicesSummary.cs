using System.Globalization;
using System.Text.Json.Nodes;
using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.WebConsole;

/// <summary>
/// The services page's data: each local service's resources with their counts, read with the services' own list
/// operations in process (the same operations the SDKs call; SNS and the REST services need no XML or routes here).
/// A service that is absent is left out; one that fails is listed with its error.
/// </summary>
internal sealed class ServicesSummary(ConsoleOptions options)
{
    private const int MaxItems = 500;

    public async Task<JsonNode> BuildAsync(CancellationToken ct)
    {
        var answer = new JsonObject();
        await AddAsync(answer, "queues", "sqs", QueuesAsync, ct).ConfigureAwait(false);
        await AddAsync(answer, "topics", "sns", TopicsAsync, ct).ConfigureAwait(false);
        await AddAsync(answer, "buses", "events", BusesAsync, ct).ConfigureAwait(false);
        await AddAsync(answer, "schedules", "scheduler", SchedulesAsync, ct).ConfigureAwait(false);
        await AddAsync(answer, "pipes", "pipes", (s, c) => ListAsync(s, "ListPipes", "Pipes", c), ct).ConfigureAwait(false);
        await AddAsync(answer, "functions", "lambda", (s, c) => ListAsync(s, "ListFunctions", "Functions", c), ct).ConfigureAwait(false);
        await AddAsync(answer, "jobs", "glue", (s, c) => ListAsync(s, "GetJobs", "Jobs", c), ct).ConfigureAwait(false);
        var webhooks = new JsonArray();
        foreach (var w in options.Webhooks)
            webhooks.Add(new JsonObject { ["name"] = w.Name, ["path"] = w.Path, ["stateMachineArn"] = w.StateMachineArn, ["mode"] = w.Sync ? "sync" : "async", ["signed"] = w.Signed });
        answer["webhooks"] = webhooks;
        return answer;
    }

    private async Task AddAsync(JsonObject answer, string key, string signingName, Func<IAwsService, CancellationToken, Task<JsonNode>> list, CancellationToken ct)
    {
        if (!options.Services.TryGetValue(signingName, out var service))
            return;
        try
        {
            answer[key] = await list(service, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            answer[key] = new JsonObject { ["error"] = e.Code + ": " + e.Message };
        }
    }

    private static async Task<JsonNode> QueuesAsync(IAwsService sqs, CancellationToken ct)
    {
        var queues = new JsonArray();
        var urls = await sqs.InvokeAsync("ListQueues", Input(("MaxResults", JValue.FromNumber(1000))), ct).ConfigureAwait(false);
        foreach (var url in Array(urls, "QueueUrls").Take(MaxItems))
        {
            var queueUrl = ((JString)url).Value;
            var attributes = await sqs.InvokeAsync("GetQueueAttributes", Input(("QueueUrl", url), ("AttributeNames", JArray.Create(JValue.FromString("All")))), ct).ConfigureAwait(false);
            var a = (attributes as JObject)?["Attributes"] as JObject;
            string? Attr(string name) => a?[name] is JString s ? s.Value : null;
            var dlq = Attr("RedrivePolicy") is { } policy && JsonText.Parse(policy) is JObject p && p["deadLetterTargetArn"] is JString t ? t.Value : null;
            queues.Add(new JsonObject
            {
                ["name"] = queueUrl[(queueUrl.LastIndexOf('/') + 1)..],
                ["url"] = queueUrl,
                ["arn"] = Attr("QueueArn"),
                ["visible"] = Number(Attr("ApproximateNumberOfMessages")),
                ["inFlight"] = Number(Attr("ApproximateNumberOfMessagesNotVisible")),
                ["delayed"] = Number(Attr("ApproximateNumberOfMessagesDelayed")),
                ["fifo"] = Attr("FifoQueue") == "true",
                ["deadLetterTargetArn"] = dlq,
            });
        }

        return queues;
    }

    private static async Task<JsonNode> TopicsAsync(IAwsService sns, CancellationToken ct)
    {
        var topics = await sns.InvokeAsync("ListTopics", JObject.Empty, ct).ConfigureAwait(false);
        var subscriptions = await sns.InvokeAsync("ListSubscriptions", JObject.Empty, ct).ConfigureAwait(false);
        var byTopic = Array(subscriptions, "Subscriptions").OfType<JObject>().ToLookup(s => Text(s, "TopicArn"), StringComparer.Ordinal);
        var list = new JsonArray();
        foreach (var topic in Array(topics, "Topics").OfType<JObject>().Take(MaxItems))
        {
            var arn = Text(topic, "TopicArn");
            var subs = new JsonArray();
            foreach (var s in byTopic[arn])
                subs.Add(new JsonObject { ["protocol"] = Text(s, "Protocol"), ["endpoint"] = Text(s, "Endpoint"), ["subscriptionArn"] = Text(s, "SubscriptionArn") });
            list.Add(new JsonObject { ["name"] = arn[(arn.LastIndexOf(':') + 1)..], ["arn"] = arn, ["subscriptions"] = subs });
        }

        return list;
    }

    private static async Task<JsonNode> BusesAsync(IAwsService events, CancellationToken ct)
    {
        var buses = new JsonArray();
        foreach (var bus in Array(await events.InvokeAsync("ListEventBuses", JObject.Empty, ct).ConfigureAwait(false), "EventBuses").OfType<JObject>().Take(MaxItems))
        {
            var name = Text(bus, "Name");
            var rules = new JsonArray();
            foreach (var rule in Array(await events.InvokeAsync("ListRules", Input(("EventBusName", JValue.FromString(name))), ct).ConfigureAwait(false), "Rules").OfType<JObject>().Take(MaxItems))
            {
                var targets = new JsonArray();
                var listed = await events.InvokeAsync("ListTargetsByRule", Input(("Rule", rule["Name"]!), ("EventBusName", JValue.FromString(name))), ct).ConfigureAwait(false);
                foreach (var t in Array(listed, "Targets").OfType<JObject>())
                    targets.Add(Text(t, "Arn"));
                rules.Add(new JsonObject
                {
                    ["name"] = Text(rule, "Name"),
                    ["state"] = Text(rule, "State"),
                    ["eventPattern"] = rule["EventPattern"] is JString p ? p.Value : null,
                    ["scheduleExpression"] = rule["ScheduleExpression"] is JString e ? e.Value : null,
                    ["targets"] = targets,
                });
            }

            buses.Add(new JsonObject { ["name"] = name, ["arn"] = Text(bus, "Arn"), ["rules"] = rules });
        }

        return buses;
    }

    private async Task<JsonNode> SchedulesAsync(IAwsService scheduler, CancellationToken ct)
    {
        var list = new JsonArray();
        if (options.Schedules is { } store)
        {
            // The store has each schedule's next run, which the Scheduler API does not return.
            var page = await store.ListSchedulesAsync(null, null, null, null, MaxItems, ct).ConfigureAwait(false);
            foreach (var s in page.Items)
            {
                var doc = JsonText.Parse(s.Json) as JObject;
                list.Add(new JsonObject
                {
                    ["group"] = s.GroupName,
                    ["name"] = s.Name,
                    ["state"] = s.State,
                    ["expression"] = doc?["ScheduleExpression"] is JString e ? e.Value : null,
                    ["timezone"] = doc?["ScheduleExpressionTimezone"] is JString z ? z.Value : null,
                    ["target"] = s.TargetArn,
                    ["nextRun"] = s.NextFire?.ToUnixTimeMilliseconds(),
                });
            }

            return list;
        }

        return await ListAsync(scheduler, "ListSchedules", "Schedules", ct).ConfigureAwait(false);
    }

    /// <summary>A list operation's items as the service answers them.</summary>
    private static async Task<JsonNode> ListAsync(IAwsService service, string operation, string member, CancellationToken ct)
    {
        var answer = await service.InvokeAsync(operation, JObject.Empty, ct).ConfigureAwait(false);
        var items = new JsonArray();
        foreach (var item in Array(answer, member).Take(MaxItems))
            items.Add(JsonNode.Parse(JsonText.Serialize(item)));
        return items;
    }

    private static JObject Input(params (string Key, JValue Value)[] members) =>
        JObject.Create(members.Select(m => new KeyValuePair<string, JValue>(m.Key, m.Value)));

    private static JArray Array(JValue answer, string member) =>
        (answer as JObject)?[member] is JArray items ? items : JArray.Empty;

    private static string Text(JObject o, string member) => o[member] is JString s ? s.Value : "";

    private static long? Number(string? text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
