using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Server.Tests.Configuration;

/// <summary>A stand-in SQS for tests: SendMessage answers like SQS (MD5 of the body, a message id) and keeps the message; other operations say the queue does not exist.</summary>
internal sealed class FakeSqsService : IAwsService
{
    public ConcurrentQueue<JObject> Sent { get; } = new();

    public string SigningName => "sqs";

    public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        if (operation != "SendMessage")
            throw new AwsServiceException("QueueDoesNotExist", "The specified queue does not exist.") { QueryErrorCode = "AWS.SimpleQueueService.NonExistentQueue" };
        Sent.Enqueue(input);
        var body = (input["MessageBody"] as JString)?.Value ?? string.Empty;
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
        return new(new JObjectBuilder(2)
            .Set("MD5OfMessageBody", JString.Create(md5))
            .Set("MessageId", JString.Create("msg-" + Sent.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Build());
    }
}
