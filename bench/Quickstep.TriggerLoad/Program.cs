using System.Diagnostics;
using System.Globalization;
using Quickstep.Json;
using Quickstep.Server;
using Quickstep.Services.Scheduler;
using Quickstep.Storage.Sqlite;
using Quickstep.TriggerLoad;

// usage: dotnet run -c Release --project bench/Quickstep.TriggerLoad -- pipes [MESSAGES] [BATCH]
//        dotnet run -c Release --project bench/Quickstep.TriggerLoad -- schedules [COUNT] [SECONDS]
var mode = args.Length > 0 ? args[0] : "pipes";
var dir = Path.Combine(Path.GetTempPath(), "qs-triggerload-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
try
{
    return mode switch
    {
        "pipes" => await PipesAsync(dir, Arg(1, 20_000), Arg(2, 1)),
        "schedules" => await SchedulesAsync(dir, Arg(1, 100_000), Arg(2, 60)),
        _ => Usage(),
    };
}
finally
{
    Directory.Delete(dir, recursive: true);
}

int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: Quickstep.TriggerLoad pipes [MESSAGES] [BATCH] | schedules [COUNT] [SECONDS]");
    return 2;
}

// Queued messages → a RUNNING pipe → StartSyncExecution of a Pass machine; executions/s until the queue is empty.
static async Task<int> PipesAsync(string dir, int messages, int batch)
{
    await using var server = await QuickstepServer.StartAsync(new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "q.db") });
    var sqs = server.Sqs;
    var url = ((JString)((JObject)await sqs.InvokeAsync("CreateQueue", Obj(("QueueName", "load"))))["QueueUrl"]!).Value;
    for (var i = 0; i < messages; i += 10)
    {
        var entries = Enumerable.Range(i, Math.Min(10, messages - i)).Select(n => (JValue)Obj(("Id", n.ToString(CultureInfo.InvariantCulture)), ("MessageBody", "{\"n\":" + n.ToString(CultureInfo.InvariantCulture) + "}")));
        await sqs.InvokeAsync("SendMessageBatch", Obj(("QueueUrl", url)).With("Entries", JArray.Create(entries)));
    }

    using var http = new HttpClient { BaseAddress = server.BaseAddress };
    using var create = new StringContent("""{"name":"load","type":"EXPRESS","roleArn":"arn:aws:iam::123456789012:role/r","definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"}""");
    create.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
    using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = create };
    request.Headers.Add("X-Amz-Target", "AWSStepFunctions.CreateStateMachine");
    (await http.SendAsync(request)).EnsureSuccessStatusCode();

    var pipes = server.Triggers.Pipes;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    await pipes.InvokeAsync("CreatePipe", (JObject)JsonText.Parse("""
        {"Name":"load","RoleArn":"arn:aws:iam::123456789012:role/r","Source":"arn:aws:sqs:us-east-1:123456789012:load",
         "Target":"arn:aws:states:us-east-1:123456789012:stateMachine:load",
         "SourceParameters":{"SqsQueueParameters":{"BatchSize":BATCH}},
         "TargetParameters":{"StepFunctionStateMachineParameters":{"InvocationType":"REQUEST_RESPONSE"}}}
        """.Replace("BATCH", batch > 10 ? $"{batch},\"MaximumBatchingWindowInSeconds\":1" : batch.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));
    var expected = (messages + batch - 1) / batch;
    while (pipes.Processed < messages && clock.Elapsed < TimeSpan.FromMinutes(10))
        await Task.Delay(20);
    var elapsed = clock.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine($"pipes: {pipes.Processed} messages, {expected} executions (batch {batch}) in {elapsed:F2} s wall, {cpuSeconds:F2} s CPU");
    Console.WriteLine($"  {expected / elapsed:F0} executions/s wall, {expected / cpuSeconds:F0} executions per CPU-second; {pipes.Processed / elapsed:F0} messages/s");
    return 0;
}

// COUNT rate(1 minute) schedules spread over a minute, fired for SECONDS: lateness of each run and the process's memory.
static async Task<int> SchedulesAsync(string dir, int count, int seconds)
{
    var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(dir, "s.db") });
    await store.InitializeAsync();
    var targets = new CountingTargets();
    await using var scheduler = new SchedulerService(new SqliteScheduleStore(store), new SchedulerOptions { Targets = targets });
    await scheduler.InitializeAsync();
    var late = new List<double>(count * 3);
    var measureFrom = DateTimeOffset.MaxValue;
    scheduler.Runner.RunDelivered += (_, scheduled, delivered) =>
    {
        if (scheduled >= measureFrom)
        {
            lock (late)
                late.Add((delivered - scheduled).TotalMilliseconds);
        }
    };
    var created = Stopwatch.StartNew();
    var start = DateTimeOffset.UtcNow.AddMinutes(2);
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    {
        var startDate = (start.AddSeconds(i % 60).ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);
        await scheduler.InvokeAsync("CreateSchedule", (JObject)JsonText.Parse($$$"""
            {"Name":"s{{{i}}}","ScheduleExpression":"rate(1 minute)","StartDate":{{{startDate}}},"FlexibleTimeWindow":{"Mode":"OFF"},
             "Target":{"Arn":"arn:aws:sqs:us-east-1:123456789012:q","RoleArn":"arn:aws:iam::123456789012:role/r"}}
            """), ct);
    });
    Console.WriteLine($"schedules: created {count} in {created.Elapsed.TotalSeconds:F1} s");
    GC.Collect();
    Console.WriteLine($"  after creating: managed heap {GC.GetTotalMemory(true) / 1048576.0:F0} MiB, working set {Environment.WorkingSet / 1048576.0:F0} MiB");
    // Runs due while the schedules were still being created are not measured (the runner was not started yet).
    var from = DateTimeOffset.UtcNow.AddSeconds(5);
    measureFrom = from > start ? from : start;
    var fired = targets.Count;
    scheduler.Runner.Start();
    var peak = 0L;
    while (DateTimeOffset.UtcNow < measureFrom.AddSeconds(seconds))
    {
        await Task.Delay(100);
        peak = Math.Max(peak, Environment.WorkingSet);
    }

    var firedInWindow = targets.Count - fired;

    double[] sorted;
    lock (late)
        sorted = [.. late.Order()];
    double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    Console.WriteLine($"  fired {firedInWindow} runs; measured {sorted.Length} due in the {seconds} s window ({sorted.Length / (double)seconds:F0}/s)");
    Console.WriteLine($"  lateness ms: p50 {P(0.5):F1}, p99 {P(0.99):F1}, p99.9 {P(0.999):F1}, max {(sorted.Length > 0 ? sorted[^1] : double.NaN):F1}; within 100 ms: {sorted.Count(x => x <= 100) * 100.0 / Math.Max(1, sorted.Length):F2} %");
    Console.WriteLine($"  peak working set {peak / 1048576.0:F0} MiB");
    await store.DisposeAsync();
    return 0;
}

static JObject Obj(params (string Name, string Value)[] members) =>
    JObject.Create(members.Select(m => new KeyValuePair<string, JValue>(m.Name, JString.Create(m.Value))));
