using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Sqs;

/// <summary>Queues and messages are in the database: what was sent before the server stopped is received after it starts again.</summary>
public sealed class SqsRestartTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-sqs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private Task<QuickstepServer> Start() => QuickstepServer.StartAsync(
        new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db") }, logging => logging.SetMinimumLevel(LogLevel.Warning));

    private static async Task<JsonElement> Call(QuickstepServer server, string operation, string json)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", "AmazonSQS." + operation);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Restart_KeepsQueuesMessagesAndReceiveState()
    {
        string url;
        string kept;
        await using (var server = await Start())
        {
            url = (await Call(server, "CreateQueue", """{"QueueName":"durable","Attributes":{"VisibilityTimeout":"600"},"tags":{"k":"v"}}""")).GetProperty("QueueUrl").GetString()!;
            await Call(server, "CreateQueue", """{"QueueName":"durable.fifo","Attributes":{"FifoQueue":"true"}}""");
            kept = (await Call(server, "SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"keep me\",\"MessageAttributes\":{\"a\":{\"DataType\":\"Number\",\"StringValue\":\"7\"}}}")).GetProperty("MessageId").GetString()!;
            await Call(server, "SendMessageBatch", $$"""{"QueueUrl":"{{url}}","Entries":[{"Id":"1","MessageBody":"in flight"},{"Id":"2","MessageBody":"deleted"}]}""");
            await Call(server, "SendMessage", $$"""{"QueueUrl":"{{url.Replace("durable", "durable.fifo", StringComparison.Ordinal)}}","MessageBody":"f","MessageGroupId":"g","MessageDeduplicationId":"d1"}""");
            var r = await Call(server, "ReceiveMessage", $$"""{"QueueUrl":"{{url}}","MaxNumberOfMessages":3}""");
            foreach (var m in r.GetProperty("Messages").EnumerateArray())
            {
                var body = m.GetProperty("Body").GetString();
                if (body == "deleted")
                    await Call(server, "DeleteMessage", $$"""{"QueueUrl":"{{url}}","ReceiptHandle":"{{m.GetProperty("ReceiptHandle").GetString()}}"}""");
                else if (body == "keep me")
                    await Call(server, "ChangeMessageVisibility", $$"""{"QueueUrl":"{{url}}","ReceiptHandle":"{{m.GetProperty("ReceiptHandle").GetString()}}","VisibilityTimeout":0}""");
            }
        }

        await using (var server = await Start())
        {
            var newUrl = server.BaseAddress.ToString().TrimEnd('/') + "/123456789012/durable";
            var attributes = (await Call(server, "GetQueueAttributes", $$"""{"QueueUrl":"{{newUrl}}","AttributeNames":["All"]}""")).GetProperty("Attributes");
            Assert.Equal("600", attributes.GetProperty("VisibilityTimeout").GetString());
            Assert.Equal("1", attributes.GetProperty("ApproximateNumberOfMessages").GetString());
            Assert.Equal("1", attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
            Assert.Equal("v", (await Call(server, "ListQueueTags", $$"""{"QueueUrl":"{{newUrl}}"}""")).GetProperty("Tags").GetProperty("k").GetString());
            var r = await Call(server, "ReceiveMessage", $$"""{"QueueUrl":"{{newUrl}}","MaxNumberOfMessages":10,"MessageAttributeNames":["All"],"MessageSystemAttributeNames":["ApproximateReceiveCount"]}""");
            var m = Assert.Single(r.GetProperty("Messages").EnumerateArray());
            Assert.Equal("keep me", m.GetProperty("Body").GetString());
            Assert.Equal(kept, m.GetProperty("MessageId").GetString());
            Assert.Equal("7", m.GetProperty("MessageAttributes").GetProperty("a").GetProperty("StringValue").GetString());
            Assert.Equal("2", m.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());
            // The FIFO queue's message survived, and its deduplication id is still remembered.
            var fifo = newUrl.Replace("durable", "durable.fifo", StringComparison.Ordinal);
            await Call(server, "SendMessage", $$"""{"QueueUrl":"{{fifo}}","MessageBody":"again","MessageGroupId":"g","MessageDeduplicationId":"d1"}""");
            var f = await Call(server, "ReceiveMessage", $$"""{"QueueUrl":"{{fifo}}","MaxNumberOfMessages":10}""");
            Assert.Equal(["f"], f.GetProperty("Messages").EnumerateArray().Select(x => x.GetProperty("Body").GetString()));
        }
    }
}
