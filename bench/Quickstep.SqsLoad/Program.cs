using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

// Drives a running server's SQS API and prints one JSON line per scenario:
//   dotnet Quickstep.SqsLoad.dll http://127.0.0.1:PORT SECONDS WARMUP CONCURRENCY baseline|batch|single
// baseline: GetQueueUrl (the SQS endpoint with no store work) — requests/s.
// batch:    producers SendMessageBatch x10, consumers ReceiveMessage (10, long poll) + DeleteMessageBatch — messages/s.
// single:   producers SendMessage, consumers ReceiveMessage (1, long poll) + DeleteMessage — messages/s.
// "messages/s" counts messages deleted (the whole send → receive → delete path) in the measured window.
var endpoint = args[0].TrimEnd('/');
var seconds = double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var warmup = double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var concurrency = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var mode = args[4];

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 + 4, UseProxy = false }) { BaseAddress = new Uri(endpoint + "/") };
long sentAhead = 0;
using var stop = new CancellationTokenSource();
var queueName = "bench-" + mode + "-" + Environment.ProcessId;
var url = JsonDocument.Parse(await Call("CreateQueue", $$"""{"QueueName":"{{queueName}}"}""")).RootElement.GetProperty("QueueUrl").GetString()!;
const string Body = "{\"orderId\":\"1234567890\",\"customer\":\"Ada Lovelace\",\"items\":[1,2,3],\"total\":42.5}";

long done = 0;
long requests = 0;
long errors = 0;
var workers = new List<Task>();
var producers = Math.Max(1, concurrency / 2);
var consumers = Math.Max(1, concurrency - producers);
switch (mode)
{
    case "baseline":
        for (var i = 0; i < concurrency; i++)
            workers.Add(Task.Run(() => Loop(async () => { await Call("GetQueueUrl", $$"""{"QueueName":"{{queueName}}"}"""); return 1; })));
        break;
    case "batch":
        var batch = new StringBuilder("{\"QueueUrl\":\"" + url + "\",\"Entries\":[");
        for (var i = 0; i < 10; i++)
            batch.Append(i == 0 ? "" : ",").Append("{\"Id\":\"m").Append(i).Append("\",\"MessageBody\":").Append(JsonSerializer.Serialize(Body)).Append('}');
        var batchJson = batch.Append("]}").ToString();
        for (var i = 0; i < producers; i++)
            workers.Add(Task.Run(() => Loop(async () => { await Call("SendMessageBatch", batchJson); return 0; }, backlog: true)));
        for (var i = 0; i < consumers; i++)
            workers.Add(Task.Run(() => Loop(() => ReceiveDelete(10))));
        break;
    case "single":
        var single = "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":" + JsonSerializer.Serialize(Body) + "}";
        for (var i = 0; i < producers; i++)
            workers.Add(Task.Run(() => Loop(async () => { await Call("SendMessage", single); return 0; }, backlog: true)));
        for (var i = 0; i < consumers; i++)
            workers.Add(Task.Run(() => Loop(() => ReceiveDelete(1))));
        break;
    default:
        throw new ArgumentException("mode: baseline|batch|single");
}

await Task.Delay(TimeSpan.FromSeconds(warmup));
Interlocked.Exchange(ref done, 0);
Interlocked.Exchange(ref requests, 0);
var clock = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(seconds));
var elapsed = clock.Elapsed.TotalSeconds;
var measuredDone = Interlocked.Read(ref done);
var measuredRequests = Interlocked.Read(ref requests);
await stop.CancelAsync();
await Task.WhenAll(workers);
Console.WriteLine(JsonSerializer.Serialize(new
{
    mode,
    concurrency,
    seconds = Math.Round(elapsed, 2),
    perSecond = Math.Round(measuredDone / elapsed),
    requestsPerSecond = Math.Round(measuredRequests / elapsed),
    errors = Interlocked.Read(ref errors),
}));
return 0;

async Task Loop(Func<Task<int>> once, bool backlog = false)
{
    while (!stop.IsCancellationRequested)
    {
        try
        {
            // Producers keep a bounded backlog ahead of the consumers, so the queue does not grow without end.
            if (backlog && Interlocked.Read(ref sentAhead) > 20_000)
            {
                await Task.Delay(1);
                continue;
            }

            var n = await once();
            Interlocked.Increment(ref requests);
            if (n > 0)
                Interlocked.Add(ref done, n);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            if (Interlocked.Increment(ref errors) <= 3)
                Console.Error.WriteLine(e.Message);
        }
    }
}

async Task<int> ReceiveDelete(int max)
{
    var text = await Call("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\",\"MaxNumberOfMessages\":" + max + ",\"WaitTimeSeconds\":1}");
    using var doc = JsonDocument.Parse(text);
    if (!doc.RootElement.TryGetProperty("Messages", out var messages) || messages.GetArrayLength() == 0)
        return 0;
    if (max == 1)
    {
        var handle = messages[0].GetProperty("ReceiptHandle").GetString();
        await Call("DeleteMessage", "{\"QueueUrl\":\"" + url + "\",\"ReceiptHandle\":\"" + handle + "\"}");
        Interlocked.Increment(ref requests);
        Interlocked.Decrement(ref sentAhead);
        return 1;
    }

    var sb = new StringBuilder("{\"QueueUrl\":\"" + url + "\",\"Entries\":[");
    var i = 0;
    foreach (var m in messages.EnumerateArray())
        sb.Append(i == 0 ? "" : ",").Append("{\"Id\":\"d").Append(i++).Append("\",\"ReceiptHandle\":\"").Append(m.GetProperty("ReceiptHandle").GetString()).Append("\"}");
    var result = await Call("DeleteMessageBatch", sb.Append("]}").ToString());
    Interlocked.Increment(ref requests);
    using var deleted = JsonDocument.Parse(result);
    var n = deleted.RootElement.GetProperty("Successful").GetArrayLength();
    Interlocked.Add(ref sentAhead, -n);
    return n;
}

async Task<string> Call(string operation, string json)
{
    using var content = new StringContent(json, Encoding.UTF8);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
    using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
    request.Headers.Add("X-Amz-Target", "AmazonSQS." + operation);
    using var response = await http.SendAsync(request, stop.Token);
    var text = await response.Content.ReadAsStringAsync(stop.Token);
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"{operation}: {(int)response.StatusCode} {text}");
    if (operation == "SendMessageBatch")
        Interlocked.Add(ref sentAhead, 10);
    else if (operation == "SendMessage")
        Interlocked.Increment(ref sentAhead);
    return text;
}
