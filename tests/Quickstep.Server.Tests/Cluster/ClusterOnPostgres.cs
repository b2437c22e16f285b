using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quickstep.Json;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// In-process nodes on one fresh PostgreSQL database (each with its own files folder), and the calls the cluster
/// tests make to them: AWS JSON over HTTP to any node, SQS through a node's service.
/// </summary>
internal sealed class ClusterOnPostgres : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-cluster-" + Guid.NewGuid().ToString("N"));

    private ClusterOnPostgres(string connection, string url)
    {
        Connection = connection;
        Url = url;
    }

    public string Connection { get; }

    public string Url { get; }

    /// <summary>The nodes started and not stopped yet, in start order.</summary>
    public List<QuickstepServer> Nodes { get; } = [];

    public static async Task<ClusterOnPostgres> CreateAsync()
    {
        var (connection, url) = await CreateDatabaseAsync();
        return new ClusterOnPostgres(connection, url);
    }

    /// <summary>A fresh database on the test PostgreSQL: its Npgsql connection string and the URL `--store` takes.</summary>
    public static async Task<(string Connection, string Url)> CreateDatabaseAsync()
    {
        var connection = await PostgresServer.CreateDatabaseAsync();
        var cs = new NpgsqlConnectionStringBuilder(connection);
        return (connection, $"postgres://{cs.Username}@{cs.Host}:{cs.Port}/{cs.Database}");
    }

    /// <summary>`quickstep serve --store URL` as a child process in its own folder: one node of a cluster.</summary>
    public static Task<ServeProcess> StartProcessNodeAsync(string storeUrl, string directory, string nodeId, params string[] arguments)
    {
        Directory.CreateDirectory(directory);
        return ServeProcess.StartAsync(Path.Combine(directory, "q.db"), directory, ["--store", storeUrl, "--node-id", nodeId, .. arguments]);
    }

    /// <summary>Starts a node named <paramref name="id"/> on the database, with <paramref name="services"/> in place of its own.</summary>
    public async Task<QuickstepServer> StartAsync(string id, TimeProvider time, TimeSpan lease, IReadOnlyList<Quickstep.Aws.IAwsService>? services = null)
    {
        var options = new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, id, "q.db"), Store = Url, NodeId = id, NodeLease = lease, TimeProvider = time, Services = services ?? [] };
        var node = await QuickstepServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning));
        Nodes.Add(node);
        return node;
    }

    /// <summary>Stops a node gracefully (it gives its leases up).</summary>
    public async Task StopAsync(QuickstepServer node)
    {
        Nodes.Remove(node);
        await node.DisposeAsync();
    }

    /// <summary>An AWS JSON call over HTTP (target prefix e.g. "AWSEvents", "AWSStepFunctions"); an error answer fails the test.</summary>
    public static async Task<JsonElement> CallAsync(QuickstepServer node, string targetPrefix, string operation, object input, string jsonVersion = "1.1")
    {
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        using var content = new StringContent(input as string ?? JsonSerializer.Serialize(input), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-" + jsonVersion);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", targetPrefix + "." + operation);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation} on {node.BaseAddress}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
    }

    public static Task<JsonElement> EventsAsync(QuickstepServer node, string operation, object input) => CallAsync(node, "AWSEvents", operation, input);

    public static Task<JsonElement> StatesAsync(QuickstepServer node, string operation, object input) => CallAsync(node, "AWSStepFunctions", operation, input, "1.0");

    /// <summary>Creates a queue through <paramref name="node"/>; returns its URL and ARN.</summary>
    public static async Task<(string Url, string Arn)> CreateQueueAsync(QuickstepServer node, string name)
    {
        var created = (JObject)await node.Sqs.InvokeAsync("CreateQueue", JObject.Create([new("QueueName", JString.Create(name))]));
        var url = ((JString)created["QueueUrl"]!).Value;
        return (url, $"arn:aws:sqs:us-east-1:123456789012:{name}");
    }

    /// <summary>Every message a queue gives within <paramref name="patience"/> (real time), kept invisible for an hour so none comes twice.</summary>
    public static async Task<List<string>> DrainAsync(QuickstepServer node, string queueUrl, int expected, TimeSpan patience)
    {
        var bodies = new List<string>();
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            var received = (JObject)await node.Sqs.InvokeAsync("ReceiveMessage", JObject.Create(
            [
                new("QueueUrl", JString.Create(queueUrl)), new("MaxNumberOfMessages", JNumber.Create(10)), new("WaitTimeSeconds", JNumber.Create(0)),
                new("VisibilityTimeout", JNumber.Create(3600)),
            ]));
            if (received["Messages"] is JArray { Count: > 0 } messages)
            {
                bodies.AddRange(messages.Select(m => ((JString)((JObject)m)["Body"]!).Value));
                continue;
            }

            if (bodies.Count >= expected)
                break;
            await Task.Delay(100);
        }

        return bodies;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes.ToList())
            await node.DisposeAsync();
        Nodes.Clear();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
