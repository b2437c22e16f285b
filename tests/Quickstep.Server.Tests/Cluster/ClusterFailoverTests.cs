using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// Issue 17's done-when: PostgreSQL and three `quickstep serve` nodes on loopback; async executions spread over the
/// nodes; one node SIGKILLed in the middle. Every execution a node accepted (answered 200) reaches a final
/// status: the dead node's are taken over by the others once its lease expires (at least once).
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ClusterFailoverTests
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:cluster";
    private const int Executions = 5000;
    private const int LeaseSeconds = 3;

    [Fact]
    public async Task ThreeNodes_OneKilledMidway_EveryAcceptedExecutionFinishes()
    {
        var (connection, url) = await ClusterOnPostgres.CreateDatabaseAsync();
        var dir = Path.Combine(Path.GetTempPath(), "qs-cluster-" + Guid.NewGuid().ToString("N"));
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ClusterOnPostgres.StartProcessNodeAsync(url, Path.Combine(dir, "n" + i), "n" + i, "--node-lease-seconds", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        try
        {
            var clients = nodes.Select(n => new HttpClient { BaseAddress = n.BaseAddress, Timeout = TimeSpan.FromSeconds(20) }).ToArray();
            // A Wait keeps executions running on the node that is killed.
            var definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"P"},"P":{"Type":"Pass","Result":"done","ResultPath":"$.r","End":true}}}""";
            var (status, body) = await InProcessServer.Call(clients[0], "CreateStateMachine", JsonSerializer.Serialize(new { name = "cluster", definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
            Assert.True(status == 200, body.ToString());

            var accepted = new ConcurrentBag<string>();
            var refused = 0;
            var next = -1;
            var killed = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Executions)
                {
                    if (i == Executions / 2 && Interlocked.Exchange(ref killed, 1) == 0)
                        nodes[2].Kill();
                    var node = Volatile.Read(ref killed) == 1 ? i % 2 : i % 3;
                    try
                    {
                        var (s, b) = await InProcessServer.Call(clients[node], "StartExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm, name = "e" + i, input = $"{{\"i\":{i}}}" }));
                        if (s == 200)
                            accepted.Add(b.GetProperty("executionArn").GetString()!);
                        else
                            Interlocked.Increment(ref refused);
                    }
                    catch (HttpRequestException)
                    {
                        // The killed node: not accepted, nothing to check.
                        Interlocked.Increment(ref refused);
                    }
                }
            }));
            var submitted = clock.Elapsed;
            Assert.True(accepted.Count >= Executions * 9 / 10, $"only {accepted.Count} accepted, {refused} refused");

            // Every accepted execution reaches a final status, also those the killed node had accepted.
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            var deadline = DateTime.UtcNow.AddSeconds(45);
            long running;
            do
            {
                await Task.Delay(500);
                await using var count = new NpgsqlCommand("SELECT count(*) FROM executions WHERE status = 'RUNNING'", db);
                running = (long)(await count.ExecuteScalarAsync())!;
            }
            while (running > 0 && DateTime.UtcNow < deadline);
            Assert.Equal(0, running);

            var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("SELECT arn, status, output FROM executions", db))
            await using (var r = await read.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                    statuses[r.GetString(0)] = r.GetString(1) + " " + (r.IsDBNull(2) ? "" : r.GetString(2));
            }

            var missing = accepted.Where(a => !statuses.ContainsKey(a)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} accepted executions are not stored, e.g. {missing.FirstOrDefault()}");
            var notSucceeded = accepted.Where(a => !statuses[a].StartsWith("SUCCEEDED {", StringComparison.Ordinal)).ToList();
            Assert.True(notSucceeded.Count == 0, $"{notSucceeded.Count} did not succeed, e.g. {notSucceeded.Select(a => statuses[a]).FirstOrDefault()}");
            await using (var open = new NpgsqlCommand("SELECT count(*) FROM queue WHERE state <> 2", db))
                Assert.Equal(0L, (long)(await open.ExecuteScalarAsync())!);
            // The killed node's executions were run by the others: their queue entries moved to a live node.
            await using (var moved = new NpgsqlCommand("SELECT count(*) FROM queue WHERE attempts > 0 AND owner <> 'n2'", db))
                Assert.True((long)(await moved.ExecuteScalarAsync())! > 0, "no execution of the killed node was taken over");

            // Any node answers for any execution.
            var sample = accepted.First();
            (status, body) = await InProcessServer.Call(clients[1], "DescribeExecution", JsonSerializer.Serialize(new { executionArn = sample }));
            Assert.Equal("SUCCEEDED", body.GetProperty("status").GetString());
            Console.WriteLine($"cluster: {accepted.Count} accepted, {refused} refused, submitted in {submitted.TotalSeconds:F1} s, all final after {clock.Elapsed.TotalSeconds:F1} s");
            foreach (var c in clients)
                c.Dispose();
        }
        finally
        {
            foreach (var n in nodes)
                n.Dispose();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

}
