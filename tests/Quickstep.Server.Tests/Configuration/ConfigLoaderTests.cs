using System.Text;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string Full = """
        {
          "$schema": "../docs/quickstep-config.schema.json",
          // Comments and trailing commas are allowed.
          "credentials": [{ "accessKeyId": "AKID1", "secretAccessKey": "s1" }, { "accessKeyId": "AKID2", "secretAccessKey": "s2", "sessionToken": "t" }],
          "allowedHosts": ["quickstep.internal"],
          "dataDirectory": "/var/lib/quickstep",
          "services": {
            "sqs": { "endpoint": "https://sqs.eu-west-1.amazonaws.com", "region": "eu-west-1", "credentials": { "accessKeyId": "A", "secretAccessKey": "B" } },
            "s3": { },
          },
          "resources": {
            "queues": [{ "name": "orders", "attributes": { "VisibilityTimeout": 30, "FifoQueue": false }, "tags": { "team": "a" } }],
            "topics": [{ "name": "events" }],
            "subscriptions": [{ "topic": "events", "protocol": "sqs", "endpoint": "orders", "attributes": { "RawMessageDelivery": "true" } }],
            "buses": [{ "name": "app" }],
            "buckets": [{ "name": "data" }]
          }
        }
        """;

    [Fact]
    public void Parse_FullFile_ReadsEveryPart()
    {
        var config = QuickstepConfigLoader.Parse(Encoding.UTF8.GetBytes(Full), "q.json");

        Assert.Equal(["AKID1", "AKID2"], config.Credentials.Select(c => c.AccessKeyId));
        Assert.Equal("t", config.Credentials[1].SessionToken);
        Assert.Equal("/var/lib/quickstep", config.DataDirectory);
        Assert.Equal(["quickstep.internal"], config.AllowedHosts);
        Assert.Equal(new Uri("https://sqs.eu-west-1.amazonaws.com"), config.Services["sqs"].Endpoint);
        Assert.Equal("eu-west-1", config.Services["sqs"].Region);
        Assert.Equal("B", config.Services["sqs"].Credentials!.SecretAccessKey);
        Assert.Null(config.Services["s3"].Endpoint);
        var queue = Assert.Single(config.Resources.Queues);
        Assert.Equal(("orders", "30", "false", "a"), (queue.Name, queue.Attributes["VisibilityTimeout"], queue.Attributes["FifoQueue"], queue.Tags["team"]));
        Assert.Equal(("events", "sqs", "orders"), (config.Resources.Subscriptions[0].Topic, config.Resources.Subscriptions[0].Protocol, config.Resources.Subscriptions[0].Endpoint));
        Assert.Equal(5, config.Resources.Count);
    }

    [Fact]
    public void Parse_UnknownMembers_AreRefusedWithLineColumnAndPointer()
    {
        const string Json = """
            {
              "credentials": [
                { "accessKeyId": "A", "secretAccessKey": "B", "secret": "x" }
              ],
              "services": { "nosuchservice": {} },
              "resources": { "queues": [ { "name": "q", "visibility": 30 } ] }
            }
            """;

        var e = Assert.Throws<QuickstepConfigException>(() => QuickstepConfigLoader.Parse(Encoding.UTF8.GetBytes(Json), "q.json"));

        var lines = e.Message.Split(Environment.NewLine);
        Assert.True(lines.Length == 3, e.Message);
        Assert.StartsWith("q.json:3:51: /credentials/0/secret: unknown member 'secret'; expected one of: accessKeyId, secretAccessKey, sessionToken", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("q.json:5:17: /services/nosuchservice: unknown member 'nosuchservice'; expected one of: sqs, sns, events, s3,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("q.json:6:45: /resources/queues/0/visibility: unknown member 'visibility'", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongTypesAndMissingMembers_AreAllReported()
    {
        const string Json = """
            {
              "credentials": { "accessKeyId": "A" },
              "services": { "sns": { "endpoint": "ftp://x" } },
              "resources": { "subscriptions": [ { "topic": "t", "protocol": 3 } ] }
            }
            """;

        var e = Assert.Throws<QuickstepConfigException>(() => QuickstepConfigLoader.Parse(Encoding.UTF8.GetBytes(Json), "q.json"));

        Assert.Equal(
            [
                "q.json:2:3: /credentials: must be an array, not an object",
                "q.json:3:26: /services/sns/endpoint: must be an absolute http:// or https:// URL, not 'ftp://x'",
                "q.json:4:53: /resources/subscriptions/0/protocol: must be a string, not a number",
                "q.json:4:37: /resources/subscriptions/0: the member 'endpoint' is required",
            ],
            e.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void Parse_InvalidJson_NamesLineAndColumn()
    {
        var e = Assert.Throws<QuickstepConfigException>(() => QuickstepConfigLoader.Parse("{\n  \"credentials\": [\n}"u8, "q.json"));
        Assert.StartsWith("q.json:3:1: not valid JSON:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativeDataDirectory_IsRelativeToTheFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-cfg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "q.json");
            File.WriteAllText(file, """{"dataDirectory": "data"}""");
            Assert.Equal(Path.Combine(dir, "data"), QuickstepConfigLoader.Load(file).DataDirectory);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Parse_DocumentedExample_IsValid()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "configuration.md"));
        var start = doc.IndexOf("```jsonc\n", StringComparison.Ordinal) + "```jsonc\n".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var config = QuickstepConfigLoader.Parse(Encoding.UTF8.GetBytes(example), "configuration.md");

        Assert.Equal("AKIDLOCAL", Assert.Single(config.Credentials).AccessKeyId);
        Assert.Equal(["sqs", "events"], config.Services.Keys);
        Assert.Equal(6, config.Resources.Count);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var e = Assert.Throws<QuickstepConfigException>(() => QuickstepConfigLoader.Load("/nonexistent/q.json"));
        Assert.StartsWith("/nonexistent/q.json: cannot read the configuration file:", e.Message, StringComparison.Ordinal);
    }
}
