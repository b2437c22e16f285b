using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Tests.Configuration;

public sealed class ResourceProvisionerTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public async Task ApplyAsync_CreatesEachResourceThroughItsService()
    {
        var (services, calls) = Services();
        var resources = new ResourcesConfig
        {
            Queues = [new("orders", new Dictionary<string, string> { ["VisibilityTimeout"] = "30" }, new Dictionary<string, string> { ["team"] = "a" })],
            Topics = [new("events", None, new Dictionary<string, string> { ["env"] = "dev" })],
            Subscriptions = [new("events", "sqs", "orders", new Dictionary<string, string> { ["RawMessageDelivery"] = "true" })],
            Buses = [new("app", None, None)],
            Buckets = [new("data", None, None)],
        };

        var done = await ResourceProvisioner.ApplyAsync(resources, services);

        Assert.Equal(
            [
                "sqs CreateQueue {\"QueueName\":\"orders\",\"Attributes\":{\"VisibilityTimeout\":\"30\"},\"tags\":{\"team\":\"a\"}}",
                "sns CreateTopic {\"Name\":\"events\",\"Tags\":[{\"Key\":\"env\",\"Value\":\"dev\"}]}",
                "sqs GetQueueAttributes {\"QueueUrl\":\"http://q/orders\",\"AttributeNames\":[\"QueueArn\"]}",
                "sns Subscribe {\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:events\",\"Protocol\":\"sqs\",\"Endpoint\":\"arn:aws:sqs:us-east-1:123456789012:orders\",\"ReturnSubscriptionArn\":true,\"Attributes\":{\"RawMessageDelivery\":\"true\"}}",
                "events CreateEventBus {\"Name\":\"app\"}",
                "s3 CreateBucket {\"Bucket\":\"data\"}",
            ],
            calls);
        Assert.Equal(["queue http://q/orders", "topic arn:aws:sns:us-east-1:123456789012:events", "subscription arn:sub:1", "event bus app", "bucket data"], done);
    }

    [Fact]
    public async Task ApplyAsync_ExistingResources_AreKeptAndQueueAttributesUpdated()
    {
        var (services, calls) = Services(exists: true);
        var resources = new ResourcesConfig
        {
            Queues = [new("orders", new Dictionary<string, string> { ["VisibilityTimeout"] = "60" }, None)],
            Buses = [new("app", None, None)],
            Buckets = [new("data", None, None)],
        };

        var done = await ResourceProvisioner.ApplyAsync(resources, services);

        Assert.Equal(
            [
                "sqs CreateQueue {\"QueueName\":\"orders\",\"Attributes\":{\"VisibilityTimeout\":\"60\"}}",
                "sqs GetQueueUrl {\"QueueName\":\"orders\"}",
                "sqs SetQueueAttributes {\"QueueUrl\":\"http://q/orders\",\"Attributes\":{\"VisibilityTimeout\":\"60\"}}",
                "events CreateEventBus {\"Name\":\"app\"}",
                "s3 CreateBucket {\"Bucket\":\"data\"}",
            ],
            calls);
        Assert.Equal(3, done.Count);
    }

    [Fact]
    public async Task ApplyAsync_ServiceNotRunning_IsAClearError()
    {
        var resources = new ResourcesConfig { Buckets = [new("data", None, None)] };
        var e = await Assert.ThrowsAsync<QuickstepConfigException>(() => ResourceProvisioner.ApplyAsync(resources, new Dictionary<string, IAwsService>()));
        Assert.Equal("resources.buckets needs the 's3' service, which this server does not run.", e.Message);
    }

    [Fact]
    public async Task ApplyAsync_ServiceRefuses_NamesTheResource()
    {
        var (services, _) = Services();
        var resources = new ResourcesConfig { Topics = [new("bad name", None, None)] };
        var e = await Assert.ThrowsAsync<QuickstepConfigException>(() => ResourceProvisioner.ApplyAsync(resources, services));
        Assert.Equal("resources: cannot create topic 'bad name': CreateTopic failed with InvalidParameter: Invalid parameter: Topic Name", e.Message);
    }

    /// <summary>Fake sqs, sns, events and s3 that log every call as "service Operation input".</summary>
    private static (Dictionary<string, IAwsService> Services, List<string> Calls) Services(bool exists = false)
    {
        var calls = new List<string>();
        var subscriptions = 0;
        IAwsService Fake(string name, Func<string, JObject, JValue> answer) => new Recording(name, (op, input) =>
        {
            calls.Add($"{name} {op} {JsonText.Serialize(input)}");
            return answer(op, input);
        });

        var services = new Dictionary<string, IAwsService>
        {
            ["sqs"] = Fake("sqs", (op, input) => op switch
            {
                "CreateQueue" when exists => throw new AwsServiceException("QueueNameExists", "A queue already exists with the same name and a different value for attribute VisibilityTimeout"),
                "CreateQueue" or "GetQueueUrl" => Obj("QueueUrl", "http://q/" + ((JString)input["QueueName"]!).Value),
                "GetQueueAttributes" => new JObjectBuilder(1).Set("Attributes", Obj("QueueArn", "arn:aws:sqs:us-east-1:123456789012:orders")).Build(),
                _ => JObject.Empty,
            }),
            ["sns"] = Fake("sns", (op, input) => op switch
            {
                "CreateTopic" when ((JString)input["Name"]!).Value.Contains(' ', StringComparison.Ordinal) => throw new AwsServiceException("InvalidParameter", "Invalid parameter: Topic Name"),
                "CreateTopic" => Obj("TopicArn", "arn:aws:sns:us-east-1:123456789012:" + ((JString)input["Name"]!).Value),
                _ => Obj("SubscriptionArn", "arn:sub:" + ++subscriptions),
            }),
            ["events"] = Fake("events", (_, _) => exists ? throw new AwsServiceException("ResourceAlreadyExistsException", "Event bus app already exists.") : Obj("EventBusArn", "arn:bus")),
            ["s3"] = Fake("s3", (_, _) => exists ? throw new AwsServiceException("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409) : Obj("Location", "/data")),
        };
        return (services, calls);
    }

    private static JObject Obj(string name, string value) => new JObjectBuilder(1).Set(name, JString.Create(value)).Build();

    private sealed class Recording(string name, Func<string, JObject, JValue> answer) : IAwsService
    {
        public string SigningName => name;

        public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default) => new(answer(operation, input));
    }
}
