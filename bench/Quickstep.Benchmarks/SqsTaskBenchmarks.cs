using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Quickstep.Engine;
using Quickstep.Integrations.AwsSdk;
using Quickstep.Json;
using Quickstep.Services.Sqs;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Benchmarks;

/// <summary>
/// Issue #11: what an <c>sqs:sendMessage</c> Task costs per execution over a Pass state, in the same run.
/// The Task goes through <see cref="AwsServiceResourceHandler"/> to the real in-process <see cref="SqsService"/>
/// on a <see cref="SqliteMessageQueueStore"/> in a temp directory (as the server wires it), so each send
/// waits for its durable commit. Messages accumulate in the queue (no purge): a purge would be a write of its own.
/// BenchmarkDotNet's time is per operation on the calling thread; the SQLite writer runs on its own thread,
/// so <see cref="RunCpuAsync"/> (<c>--sqs-task</c>) measures process CPU time instead.
/// </summary>
public class SqsTaskBenchmarks
{
    private const string PassDefinition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
    private static readonly JValue Input = JValue.Parse("""{"orderId":"o-1234","amount":42,"items":["a","b"]}""");
    private readonly ExecutionOptions _options = new();
    private StateMachine _pass = null!;
    private StateMachine _send = null!;
    private SqsService _sqs = null!;
    private SqliteStore _store = null!;
    private string _directory = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>Creates the store, the SQS service, the queue (once) and both machines.</summary>
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("quickstep-bench-sqs-").FullName;
        _store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "quickstep.db") });
        await _store.InitializeAsync().ConfigureAwait(false);
        var queueStore = new SqliteMessageQueueStore(_store);
        await queueStore.InitializeAsync().ConfigureAwait(false);
        _sqs = await SqsService.CreateAsync(new SqsServiceOptions { Store = queueStore }).ConfigureAwait(false);
        var queueUrl = await _sqs.CreateQueueAsync("bench", [], []).ConfigureAwait(false);
        var engine = new QuickstepEngine(new EngineOptions { ResourceHandlers = [new AwsServiceResourceHandler([_sqs])] });
        _pass = engine.Load(PassDefinition, "pass");
        _send = engine.Load(
            "{\"StartAt\":\"Send\",\"States\":{\"Send\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage\","
            + "\"Parameters\":{\"QueueUrl\":\"" + queueUrl + "\",\"MessageBody.$\":\"$\"},\"End\":true}}}",
            "send");
        var check = await _send.ExecuteAsync(Input, _options).ConfigureAwait(false);
        if (check.Status != ExecutionStatus.Succeeded)
            throw new InvalidOperationException($"sqs:sendMessage execution {check.Status}: {check.Error} {check.Cause}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqs.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public ExecutionStatus Pass() => _pass.ExecuteAsync(Input, _options).GetAwaiter().GetResult().Status;

    [Benchmark]
    public ExecutionStatus SqsSendMessage() => _send.ExecuteAsync(Input, _options).GetAwaiter().GetResult().Status;

    /// <summary>
    /// <c>--sqs-task [--rounds R] [--seconds S]</c>: alternates Pass and sqs:sendMessage for R rounds of S seconds
    /// each (executions in sequence, as a caller awaiting each would), and prints process CPU µs per execution.
    /// </summary>
    public static async Task<int> RunCpuAsync(int rounds, double seconds)
    {
        var bench = new SqsTaskBenchmarks();
        await bench.SetupAsync().ConfigureAwait(false);
        try
        {
            // Warm-up: JIT and tiering for both paths.
            await MeasureAsync(bench._pass, bench._options, 1).ConfigureAwait(false);
            await MeasureAsync(bench._send, bench._options, 1).ConfigureAwait(false);
            Console.WriteLine("| round | Pass µs CPU/exec | sqs:sendMessage µs CPU/exec | difference µs | ratio | sends/s wall |");
            Console.WriteLine("|---|---|---|---|---|---|");
            double passSum = 0, sendSum = 0;
            for (var r = 1; r <= rounds; r++)
            {
                var (pass, _) = await MeasureAsync(bench._pass, bench._options, seconds).ConfigureAwait(false);
                var (send, sendRate) = await MeasureAsync(bench._send, bench._options, seconds).ConfigureAwait(false);
                passSum += pass;
                sendSum += send;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r} | {pass:F2} | {send:F2} | {send - pass:F2} | {send / pass:F1} | {sendRate:F0} |"));
            }

            var (p, s) = (passSum / rounds, sendSum / rounds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| mean | {p:F2} | {s:F2} | {s - p:F2} | {s / p:F1} | |"));
            return 0;
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static async Task<(double CpuMicrosPerExecution, double PerSecond)> MeasureAsync(StateMachine machine, ExecutionOptions options, double seconds)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var count = 0L;
        while (wall.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 64; i++)
            {
                var result = await machine.ExecuteAsync(Input, options).ConfigureAwait(false);
                if (result.Status != ExecutionStatus.Succeeded)
                    throw new InvalidOperationException($"execution {result.Status}: {result.Error} {result.Cause}");
            }

            count += 64;
        }

        var elapsed = wall.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalMicroseconds;
        return (cpu / count, count / elapsed);
    }
}
