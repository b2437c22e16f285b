using Quickstep.Json;

namespace Quickstep.Services.Pipes;

/// <summary>SQS messages as the records Pipes passes on (the Lambda SQS event record shape).</summary>
internal static class PipeRecords
{
    public static JObject FromSqs(JObject message, string queueArn, string region)
    {
        var attributes = message["Attributes"] as JObject ?? JObject.Empty;
        var messageAttributes = new List<KeyValuePair<string, JValue>>();
        if (message["MessageAttributes"] is JObject attrs)
        {
            foreach (var (name, value) in attrs)
            {
                if (value is not JObject a)
                    continue;
                var members = new List<KeyValuePair<string, JValue>>();
                if (a["StringValue"] is { } sv)
                    members.Add(new("stringValue", sv));
                if (a["BinaryValue"] is { } bv)
                    members.Add(new("binaryValue", bv));
                members.Add(new("stringListValues", JArray.Empty));
                members.Add(new("binaryListValues", JArray.Empty));
                members.Add(new("dataType", a["DataType"] ?? JString.Create("String")));
                messageAttributes.Add(new(name, JObject.Create(members)));
            }
        }

        return JObject.Create(
        [
            new("messageId", message["MessageId"] ?? JString.Empty),
            new("receiptHandle", message["ReceiptHandle"] ?? JString.Empty),
            new("body", message["Body"] ?? JString.Empty),
            new("attributes", attributes),
            new("messageAttributes", JObject.Create(messageAttributes)),
            new("md5OfBody", message["MD5OfBody"] ?? JString.Empty),
            new("eventSource", JString.Create("aws:sqs")),
            new("eventSourceARN", JString.Create(queueArn)),
            new("awsRegion", JString.Create(region)),
        ]);
    }

    /// <summary>Filters see a JSON body as JSON (Pipes: "if the body is valid JSON, filter on its fields").</summary>
    public static JObject ForFiltering(JObject record) =>
        record["body"] is JString body && body.Value.Length > 0 && body.Value[0] == '{' && JsonText.TryParse(body.Value, out var parsed, out _) && parsed is JObject
            ? record.With("body", parsed)
            : record;
}
