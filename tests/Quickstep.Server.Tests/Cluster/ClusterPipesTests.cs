using Quickstep.Json;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// Pipes with several nodes on one PostgreSQL database: every node polls the pipes as stored, so a pipe created,
/// updated or deleted through one node runs, changes or stops on the others too (each message still goes to one poller).
/// </summary>
public sealed class ClusterPipesTests
{
    [Fact]
    public async Task PipesCreatedUpdatedDeletedThroughOneNode_AreFollowedByTheOthers()
    {
        await using var cluster = await ClusterOnPostgres.CreateAsync();
        for (var i = 0; i < 3; i++)
            await cluster.StartAsync("p" + i, TimeProvider.System, TimeSpan.FromSeconds(15));
        var nodes = cluster.Nodes.ToList();
        var (sourceUrl, sourceArn) = await ClusterOnPostgres.CreateQueueAsync(nodes[0], "source");
        var (firstUrl, firstArn) = await ClusterOnPostgres.CreateQueueAsync(nodes[0], "first");
        var (secondUrl, secondArn) = await ClusterOnPostgres.CreateQueueAsync(nodes[0], "second");

        // Created through p0, which then stops: p1 and p2 poll it.
        await nodes[0].Triggers.Pipes.InvokeAsync("CreatePipe", Pipe("relay", sourceArn, firstArn));
        await cluster.StopAsync(nodes[0]);
        await SendAsync(nodes[1], sourceUrl, "m1");
        Assert.Equal(["m1"], await RelayedAsync(nodes[2], firstUrl, 1, TimeSpan.FromSeconds(15)));

        // Updated through p1, which then stops: p2 delivers to the new target.
        await nodes[1].Triggers.Pipes.InvokeAsync("UpdatePipe", Pipe("relay", sourceArn, secondArn));
        await Task.Delay(4000);
        await cluster.StopAsync(nodes[1]);
        await SendAsync(nodes[2], sourceUrl, "m2");
        Assert.Equal(["m2"], await RelayedAsync(nodes[2], secondUrl, 1, TimeSpan.FromSeconds(15)));
        Assert.Empty(await ClusterOnPostgres.DrainAsync(nodes[2], firstUrl, 0, TimeSpan.FromMilliseconds(300)));

        // Deleted through a node started afterwards: p2 stops polling, so the next message stays in the source.
        var p3 = await cluster.StartAsync("p3", TimeProvider.System, TimeSpan.FromSeconds(15));
        await p3.Triggers.Pipes.InvokeAsync("DeletePipe", JObject.Create([new("Name", JString.Create("relay"))]));
        await Task.Delay(4000);
        await SendAsync(p3, sourceUrl, "m3");
        await Task.Delay(2000);
        Assert.Empty(await ClusterOnPostgres.DrainAsync(nodes[2], secondUrl, 0, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(["m3"], await ClusterOnPostgres.DrainAsync(p3, sourceUrl, 1, TimeSpan.FromSeconds(5)));
    }

    private static JObject Pipe(string name, string source, string target) => JObject.Create(
    [
        new("Name", JString.Create(name)),
        new("Source", JString.Create(source)),
        new("Target", JString.Create(target)),
        new("RoleArn", JString.Create("arn:aws:iam::123456789012:role/pipes")),
    ]);

    /// <summary>The source messages' bodies in what the pipe delivered (each delivery is the batch of SQS records).</summary>
    private static async Task<List<string>> RelayedAsync(QuickstepServer node, string queueUrl, int expected, TimeSpan patience) =>
        [.. (await ClusterOnPostgres.DrainAsync(node, queueUrl, expected, patience))
            .SelectMany(d => ((JArray)JsonText.Parse(d)).Select(r => ((JString)((JObject)r)["body"]!).Value))];

    private static async Task SendAsync(QuickstepServer node, string queueUrl, string body) =>
        await node.Sqs.InvokeAsync("SendMessage", JObject.Create([new("QueueUrl", JString.Create(queueUrl)), new("MessageBody", JString.Create(body))]));
}
