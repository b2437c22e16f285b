using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// Issue 17's done-when, the queue half: PostgreSQL and three `quickstep serve` nodes on loopback; 5,000 SQS messages
/// sent through all three (SendMessage and SendMessageBatch) while consumers long-poll on every node, process (record)
/// and delete them; every 50th message is poison (never deleted) and must end in the dead-letter queue after
/// maxReceiveCount receives; one node is SIGKILLed in the middle, holding messages it received and never deleted,
/// which come back after their visibility timeout and are processed by the others. Every message a node accepted
/// (answered 200) is processed or dead-lettered: none lost. At least once: duplicates are counted, not failed, but
/// two receives of one message never share a receive count (no message is handed to two receivers at once).
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ClusterSqsFailoverTests
{
    private const int Messages = 5000;
    private const int Chunk = 10;
    private const int MaxReceiveCount = 3;
    private const string Account = "123456789012";

    [Fact]
    public async Task ThreeNodes_OneKilledMidway_EveryAcceptedMessageProcessedOrDeadLettered()
    {
        var (connection, url) = await ClusterOnPostgres.CreateDatabaseAsync();
        var dir = Path.Combine(Path.GetTempPath(), "qs-cluster-sqs-" + Guid.NewGuid().ToString("N"));
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ClusterOnPostgres.StartProcessNodeAsync(url, Path.Combine(dir, "n" + i), "n" + i)));
        var clients = nodes.Select(n => new HttpClient { BaseAddress = n.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        using var stopConsumers = new CancellationTokenSource();
        try
        {
            var dlqUrl = (await SqsOk(clients[1], "CreateQueue", new { QueueName = "dead" })).GetProperty("QueueUrl").GetString()!;
            var redrive = JsonSerializer.Serialize(new { deadLetterTargetArn = $"arn:aws:sqs:us-east-1:{Account}:dead", maxReceiveCount = MaxReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var queueUrl = (await SqsOk(clients[0], "CreateQueue", new { QueueName = "work", Attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "2", ["RedrivePolicy"] = redrive } }))
                .GetProperty("QueueUrl").GetString()!;

            var log = new Log();
            // Three consumers per node; those of the killed node die with it, holding messages they never deleted.
            var consumers = Enumerable.Range(0, 9).Select(c => Task.Run(() => ConsumeAsync(clients, c % 3, queueUrl, log, stopConsumers.Token))).ToArray();

            var killed = 0;
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
            {
                int c;
                while ((c = Interlocked.Increment(ref next)) < Messages / Chunk)
                {
                    if (c == Messages / Chunk / 2 && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        // Kill the node while its consumers hold messages they received and have not deleted yet.
                        var holding = Stopwatch.StartNew();
                        while (log.Held(2) == 0 && holding.Elapsed < TimeSpan.FromSeconds(10))
                            await Task.Delay(10);
                        log.HeldAtKill = log.Held(2);
                        nodes[2].Kill();
                    }

                    var node = Volatile.Read(ref killed) == 1 ? c % 2 : c % 3;
                    try
                    {
                        await SendChunkAsync(clients[node], queueUrl, c, log);
                    }
                    catch (HttpRequestException)
                    {
                        // The killed node: what it did not answer was not accepted.
                    }
                }
            }));
            var submitted = clock.Elapsed;
            Assert.True(log.Accepted.Count >= Messages * 9 / 10, $"only {log.Accepted.Count} messages accepted");

            // Wait until the live nodes say the queue is empty: everything deleted or moved to the dead-letter queue.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            long left;
            do
            {
                await Task.Delay(500);
                var attributes = (await SqsOk(clients[0], "GetQueueAttributes", new { QueueUrl = queueUrl, AttributeNames = new[] { "All" } })).GetProperty("Attributes");
                left = long.Parse(attributes.GetProperty("ApproximateNumberOfMessages").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                    + long.Parse(attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            }
            while (left > 0 && DateTime.UtcNow < deadline);
            await stopConsumers.CancelAsync();
            await Task.WhenAll(consumers);
            Assert.True(left == 0, $"{left} messages still in the queue after the wait");

            // The dead-letter queue, read through the other live node.
            var dead = new Dictionary<string, string>(StringComparer.Ordinal);
            while (true)
            {
                var got = await SqsOk(clients[1], "ReceiveMessage", new { QueueUrl = dlqUrl, MaxNumberOfMessages = 10, VisibilityTimeout = 120, AttributeNames = new[] { "All" } });
                if (!got.TryGetProperty("Messages", out var list) || list.GetArrayLength() == 0)
                    break;
                foreach (var m in list.EnumerateArray())
                {
                    Assert.EndsWith(":work", m.GetProperty("Attributes").GetProperty("DeadLetterQueueSourceArn").GetString(), StringComparison.Ordinal);
                    Assert.True(dead.TryAdd(m.GetProperty("MessageId").GetString()!, m.GetProperty("Body").GetString()!), "a dead letter was received twice while in flight");
                }
            }

            // Processed: a node confirmed its delete, or the killed node died with the delete unanswered (the message left the queue anyway).
            var lost = log.Accepted.Where(a => !log.Deleted.ContainsKey(a.Key) && !log.InDoubt.ContainsKey(a.Key) && !dead.ContainsKey(a.Key)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {log.Accepted.Count} accepted messages were neither processed nor dead-lettered, e.g. {lost.FirstOrDefault().Value}, received "
                + string.Join(", ", log.Receives.Where(r => r.MessageId == lost.FirstOrDefault().Key).Select(r => $"on n{r.Node} (count {r.ReceiveCount})")));
            var poison = log.Accepted.Where(a => IsPoison(a.Value)).ToList();
            Assert.True(poison.Count >= Messages / 50 * 9 / 10, $"only {poison.Count} poison messages accepted");
            Assert.All(poison, p => Assert.True(dead.ContainsKey(p.Key), $"poison message {p.Value} is not in the dead-letter queue"));
            foreach (var (id, body) in dead)
                Assert.True(log.Accepted.TryGetValue(id, out var sentBody) ? sentBody == body : log.Unanswered.ContainsKey(body), $"dead letter {id} ({body}) was never sent");
            // Every receive of a message raised its receive count: no two receivers held it at once.
            var overlapping = log.Receives.GroupBy(r => r.MessageId).Where(g => g.Select(r => r.ReceiveCount).Distinct().Count() != g.Count()).Select(g => g.Key).ToList();
            Assert.True(overlapping.Count == 0, $"{overlapping.Count} messages were received twice with the same receive count, e.g. {overlapping.FirstOrDefault()}");
            // The killed node held ordinary messages it never deleted; the live nodes processed them after their visibility timeout.
            var takenOver = log.Receives.Where(r => r.Node == 2 && !IsPoison(r.Body) && !log.DeletedOn(r.MessageId, 2)).Select(r => r.MessageId).Distinct()
                .Count(id => log.Receives.Any(r => r.MessageId == id && r.Node != 2) && log.Deleted.ContainsKey(id));
            Assert.True(takenOver > 0, $"no message the killed node held was received by another node ({log.HeldAtKill} held at the kill)");
            Assert.True(log.Errors.IsEmpty, $"{log.Errors.Count} failed calls on live nodes, e.g. {log.Errors.FirstOrDefault()}");

            var duplicates = log.Deleted.Count(d => d.Value > 1);
            var redelivered = log.Receives.Where(r => !IsPoison(r.Body)).GroupBy(r => r.MessageId).Count(g => g.Count() > 1);
            var deadOrdinary = dead.Count(d => !IsPoison(d.Value));
            Console.WriteLine($"cluster sqs: {log.Accepted.Count} accepted ({poison.Count} poison), submitted in {submitted.TotalSeconds:F1} s, all processed after {clock.Elapsed.TotalSeconds:F1} s; "
                + $"{dead.Count} dead-lettered ({deadOrdinary} ordinary), {redelivered} ordinary received more than once, {duplicates} deleted more than once, "
                + $"{takenOver} taken over from the killed node ({log.HeldAtKill} held at the kill), {log.Unanswered.Count} unanswered sends, {log.InDoubt.Count} unanswered deletes");
        }
        finally
        {
            await stopConsumers.CancelAsync();
            foreach (var c in clients)
                c.Dispose();
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

    private static bool IsPoison(string body) => body.StartsWith("poison-", StringComparison.Ordinal);

    private static string BodyOf(int i) => (i % 50 == 7 ? "poison-" : "m-") + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Chunk <paramref name="c"/>'s ten messages: one SendMessageBatch for even chunks, ten SendMessage for odd ones.</summary>
    private static async Task SendChunkAsync(HttpClient node, string queueUrl, int c, Log log)
    {
        var indices = Enumerable.Range(c * Chunk, Chunk).ToArray();
        foreach (var i in indices)
            log.Unanswered[BodyOf(i)] = 0;
        if (c % 2 == 0)
        {
            var entries = indices.Select(i => new { Id = "e" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageBody = BodyOf(i) }).ToArray();
            var (status, body) = await SqsCall(node, "SendMessageBatch", new { QueueUrl = queueUrl, Entries = entries });
            if (status != 200)
            {
                log.Errors.Add($"SendMessageBatch {status} {body}");
                return;
            }

            foreach (var ok in body.GetProperty("Successful").EnumerateArray())
                log.Accept(ok.GetProperty("MessageId").GetString()!, BodyOf(int.Parse(ok.GetProperty("Id").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var failed in body.GetProperty("Failed").EnumerateArray())
                log.Errors.Add($"SendMessageBatch entry {failed}");
            return;
        }

        foreach (var i in indices)
        {
            var (status, body) = await SqsCall(node, "SendMessage", new { QueueUrl = queueUrl, MessageBody = BodyOf(i) });
            if (status == 200)
                log.Accept(body.GetProperty("MessageId").GetString()!, BodyOf(i));
            else
                log.Errors.Add($"SendMessage {status} {body}");
        }
    }

    /// <summary>Long-polls one node, records what it received, deletes all but poison; the killed node's consumer holds its messages a while first.</summary>
    private static async Task ConsumeAsync(HttpClient[] clients, int node, string queueUrl, Log log, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, got) = await SqsCall(clients[node], "ReceiveMessage",
                    new { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 2, AttributeNames = new[] { "ApproximateReceiveCount" } }, stop);
                if (status != 200)
                {
                    log.Errors.Add($"ReceiveMessage {status} {got}");
                    continue;
                }

                if (!got.TryGetProperty("Messages", out var list))
                    continue;
                var toDelete = new List<(string Id, string Handle)>();
                foreach (var m in list.EnumerateArray())
                {
                    var id = m.GetProperty("MessageId").GetString()!;
                    var body = m.GetProperty("Body").GetString()!;
                    var count = int.Parse(m.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    log.Receives.Add(new Receive(id, body, node, count));
                    if (IsPoison(body))
                        continue;
                    log.Hold(node, id);
                    toDelete.Add((id, m.GetProperty("ReceiptHandle").GetString()!));
                }

                // "Processing" on the node that is killed takes a while, so that it dies holding messages.
                if (node == 2)
                    await Task.Delay(500, stop);
                if (toDelete.Count == 0)
                    continue;
                var entries = toDelete.Select((d, i) => new { Id = "d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = d.Handle }).ToArray();
                (int Status, JsonElement Body) answer;
                try
                {
                    answer = await SqsCall(clients[node], "DeleteMessageBatch", new { QueueUrl = queueUrl, Entries = entries }, stop);
                }
                catch (HttpRequestException)
                {
                    // The node died with the delete unanswered: processed, and perhaps deleted, perhaps not.
                    foreach (var d in toDelete)
                        log.InDoubt.TryAdd(d.Id, 0);
                    throw;
                }

                var (ds, deleted) = answer;
                if (ds != 200)
                {
                    log.Errors.Add($"DeleteMessageBatch {ds} {deleted}");
                    continue;
                }

                foreach (var ok in deleted.GetProperty("Successful").EnumerateArray())
                    log.Delete(node, toDelete[int.Parse(ok.GetProperty("Id").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture)].Id);
                foreach (var failed in deleted.GetProperty("Failed").EnumerateArray())
                    log.Errors.Add($"DeleteMessageBatch entry {failed}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // Its node was killed, or the test is over.
        }
    }

    private static async Task<JsonElement> SqsOk(HttpClient http, string operation, object input)
    {
        var (status, body) = await SqsCall(http, operation, input);
        Assert.True(status == 200, $"{operation}: {status} {body}");
        return body;
    }

    private static async Task<(int Status, JsonElement Body)> SqsCall(HttpClient http, string operation, object input, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(JsonSerializer.Serialize(input), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", "AmazonSQS." + operation);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }


    private sealed record Receive(string MessageId, string Body, int Node, int ReceiveCount);

    /// <summary>What the producers and consumers saw.</summary>
    private sealed class Log
    {
        private readonly ConcurrentDictionary<(int Node, string Id), byte> _held = new();
        private readonly ConcurrentDictionary<(int Node, string Id), byte> _deletedOn = new();

        /// <summary>Accepted sends: message id → body.</summary>
        public ConcurrentDictionary<string, string> Accepted { get; } = new(StringComparer.Ordinal);

        /// <summary>Bodies sent and not (yet) answered with 200: the killed node may have stored them anyway.</summary>
        public ConcurrentDictionary<string, byte> Unanswered { get; } = new(StringComparer.Ordinal);

        /// <summary>Message id → how many deletes a node confirmed.</summary>
        public ConcurrentDictionary<string, int> Deleted { get; } = new(StringComparer.Ordinal);

        /// <summary>Messages whose delete the killed node never answered.</summary>
        public ConcurrentDictionary<string, byte> InDoubt { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<Receive> Receives { get; } = [];

        public ConcurrentBag<string> Errors { get; } = [];

        public int HeldAtKill { get; set; }

        public void Accept(string id, string body)
        {
            Accepted[id] = body;
            Unanswered.TryRemove(body, out _);
        }

        /// <summary>An ordinary message a node's consumer received and has not deleted yet.</summary>
        public void Hold(int node, string id) => _held.TryAdd((node, id), 0);

        public void Delete(int node, string id)
        {
            Deleted.AddOrUpdate(id, 1, (_, n) => n + 1);
            _deletedOn.TryAdd((node, id), 0);
            _held.TryRemove((node, id), out _);
        }

        public bool DeletedOn(string id, int node) => _deletedOn.ContainsKey((node, id));

        public int Held(int node) => _held.Keys.Count(k => k.Node == node);
    }
}
