using System.Collections.Frozen;
using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Integrations.AwsSdk;

/// <summary>
/// The request and result shapes of the optimized integrations <c>sqs:sendMessage</c>, <c>sns:publish</c>,
/// <c>events:putEvents</c> and <c>glue:startJobRun</c>: arguments the API does not take are dropped (recorded:
/// services/test_sqs_task_service_test_send_message_unsupported_parameters), a message that is not a string is sent
/// as its JSON text, and SQS, SNS and Glue results carry the Java SDK's <c>SdkHttpMetadata</c> and
/// <c>SdkResponseMetadata</c> (recorded: services/test_sqs_task_service_test_send_message).
/// </summary>
internal static class OptimizedIntegrations
{
    private static readonly FrozenSet<string> SendMessageMembers = FrozenSet.Create(StringComparer.Ordinal,
        "DelaySeconds", "MessageAttributes", "MessageBody", "MessageDeduplicationId", "MessageGroupId", "QueueUrl");

    private static readonly FrozenSet<string> PublishMembers = FrozenSet.Create(StringComparer.Ordinal,
        "Message", "MessageAttributes", "MessageDeduplicationId", "MessageGroupId", "MessageStructure", "PhoneNumber", "Subject", "TargetArn", "TopicArn");

    private static readonly FrozenSet<string> StartJobRunMembers = FrozenSet.Create(StringComparer.Ordinal,
        "JobName", "JobRunQueuingEnabled", "JobRunId", "Arguments", "AllocatedCapacity", "Timeout", "MaxCapacity", "SecurityConfiguration",
        "NotificationProperty", "WorkerType", "NumberOfWorkers", "ExecutionClass", "ExecutionRoleSessionPolicy");

    private static readonly FrozenSet<string> PutEventsMembers = FrozenSet.Create(StringComparer.Ordinal, "Entries", "EndpointId");

    private static readonly JArray KeepAlive = JArray.Create(JString.Create("keep-alive"));

    /// <summary>The service input for <paramref name="operation"/>, or the name of a required member that is missing.</summary>
    public static JObject Request(string operation, JObject arguments, out string? missing)
    {
        missing = null;
        switch (operation)
        {
            case "SendMessage":
                if (!arguments.TryGetValue("MessageBody", out var body) || body is JNull)
                    missing = "MessageBody";
                return Keep(arguments, SendMessageMembers, "MessageBody");
            case "Publish":
                return Keep(arguments, PublishMembers, "Message");
            case "StartJobRun":
                return Keep(arguments, StartJobRunMembers, null);
            default:
                var kept = Keep(arguments, PutEventsMembers, null);
                if (kept["Entries"] is JArray entries)
                {
                    var items = new JValue[entries.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = entries[i] is JObject entry && entry["Detail"] is { } detail && detail is not JString and not JNull
                            ? entry.With("Detail", JString.Create(JsonText.Serialize(detail)))
                            : entries[i];
                    }

                    kept = kept.With("Entries", JArray.Own(items));
                }

                return kept;
        }
    }

    /// <summary>The service output with the Java SDK's response metadata, as SQS and SNS results carry it.</summary>
    public static JObject WithSdkMetadata(JObject output, string signingName, string requestId, DateTimeOffset now)
    {
        var json = signingName is "sqs" or "glue";
        var contentType = JString.Create(signingName switch { "sqs" => "application/x-amz-json-1.0", "glue" => "application/x-amz-json-1.1", _ => "text/xml" });
        var length = JString.Create(ContentLength(output, json, requestId).ToString(CultureInfo.InvariantCulture));
        var date = JString.Create(now.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));
        var id = JString.Create(requestId);
        var all = new JObjectBuilder(5)
            .Set("x-amzn-RequestId", JArray.Create(id))
            .Set("connection", KeepAlive)
            .Set("Content-Length", JArray.Create(length))
            .Set("Date", date)
            .Set("Content-Type", JArray.Create(contentType))
            .Build();
        var headers = new JObjectBuilder(5)
            .Set("connection", KeepAlive[0])
            .Set("Content-Length", length)
            .Set("Content-Type", contentType)
            .Set("Date", date)
            .Set("x-amzn-RequestId", id)
            .Build();
        var http = new JObjectBuilder(3)
            .Set("AllHttpHeaders", all)
            .Set("HttpHeaders", headers)
            .Set("HttpStatusCode", JNumber.Create(200))
            .Build();
        return output
            .With("SdkHttpMetadata", http)
            .With("SdkResponseMetadata", new JObjectBuilder(1).Set("RequestId", id).Build());
    }

    private static int ContentLength(JObject output, bool json, string requestId)
    {
        if (json)
            return output.Utf8Size;
        // The size of the query protocol's XML answer SNS sends for Publish.
        var xml = new System.Text.StringBuilder("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>");
        foreach (var (name, value) in output)
            xml.Append('<').Append(name).Append('>').Append(value is JString s ? System.Security.SecurityElement.Escape(s.Value) : JsonText.Serialize(value)).Append("</").Append(name).Append('>');
        xml.Append("</PublishResult><ResponseMetadata><RequestId>").Append(requestId).Append("</RequestId></ResponseMetadata></PublishResponse>");
        return System.Text.Encoding.UTF8.GetByteCount(xml.ToString());
    }

    private static JObject Keep(JObject arguments, FrozenSet<string> members, string? textMember)
    {
        var builder = new JObjectBuilder(arguments.Count);
        foreach (var (name, value) in arguments)
        {
            if (!members.Contains(name))
                continue;
            builder.Set(name, name == textMember && value is not JString and not JNull ? JString.Create(JsonText.Serialize(value)) : value);
        }

        return builder.Build();
    }
}
