using System.Text;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>
/// The virtual clock jumps only when the engine reports itself idle, never after a wall-clock settle, so concurrent
/// branches and iterations record the same history every time, however busy the machine is (issue 15).
/// </summary>
public sealed class VirtualClockDeterminismTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>20 branches, each waiting (i × 7) mod 20 + 1 s then i mod 3 s; then a Map of 50 iterations waiting (i × 13) mod 9 s (ties included) and 2 s.</summary>
    private static string Definition()
    {
        var branches = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            if (i > 0)
                branches.Append(',');
            branches.Append("{\"StartAt\":\"A" + i + "\",\"States\":{\"A" + i + "\":{\"Type\":\"Wait\",\"Seconds\":" + ((i * 7 % 20) + 1)
                + ",\"Next\":\"B" + i + "\"},\"B" + i + "\":{\"Type\":\"Wait\",\"Seconds\":" + (i % 3) + ",\"End\":true}}}");
        }

        return "{\"StartAt\":\"P\",\"States\":{"
            + "\"P\":{\"Type\":\"Parallel\",\"ResultPath\":null,\"Next\":\"M\",\"Branches\":[" + branches + "]},"
            + "\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"End\":true,\"ItemProcessor\":{\"StartAt\":\"W\",\"States\":{"
            + "\"W\":{\"Type\":\"Wait\",\"SecondsPath\":\"$\",\"Next\":\"W2\"},\"W2\":{\"Type\":\"Wait\",\"Seconds\":2,\"End\":true}}}}}}";
    }

    [Fact]
    public async Task ParallelAndMapWithWaits_OnABusyMachine_RecordTheSameHistoryEveryTime()
    {
        var items = string.Join(',', Enumerable.Range(0, 50).Select(i => i * 13 % 9));
        var input = JsonText.Parse($$"""{"items":[{{items}}]}""");
        var definition = Definition();

        using var stop = new CancellationTokenSource();
        var burners = StartBurning(stop.Token);
        try
        {
            string? first = null;
            for (var run = 0; run < 100; run++)
            {
                var clock = new VirtualTimeProvider(T0);
                var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker });
                var r = await engine.Load(definition, "busy").ExecuteAsync(input, new ExecutionOptions { Name = "busy", RecordHistory = true })
                    .WaitAsync(TimeSpan.FromSeconds(60));
                Assert.Equal(ExecutionStatus.Succeeded, r.Status);
                // The Parallel's longest branch (i = 17: 20 + 2 s), then the Map: 40 iterations at once (AWS's cap), 10 more as they end.
                Assert.Equal(TimeSpan.FromSeconds(22 + 13), r.StopDate - r.StartDate);
                var history = string.Join('\n', r.History!.Select(e => e.ToJson().ToString()));
                first ??= history;
                Assert.True(first == history, $"run {run} recorded another history");
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var t in burners)
                t.Join();
        }
    }

    /// <summary>Threads that burn every CPU, and a thread pool whose queue is never empty (what the old wall-clock settle waited for).</summary>
    private static List<Thread> StartBurning(CancellationToken stop)
    {
        var threads = new List<Thread>();
        for (var i = 0; i < Environment.ProcessorCount * 2; i++)
        {
            var t = new Thread(() =>
            {
                var x = 0UL;
                while (!stop.IsCancellationRequested)
                    x = (x * 6364136223846793005UL) + 1442695040888963407UL;
                GC.KeepAlive(x);
            })
            { IsBackground = true, Priority = ThreadPriority.Normal };
            t.Start();
            threads.Add(t);
        }

        for (var i = 0; i < 4; i++)
            ThreadPool.UnsafeQueueUserWorkItem(Churn, stop, preferLocal: false);
        return threads;
    }

    private static void Churn(CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
            return;
        Thread.SpinWait(2000);
        ThreadPool.UnsafeQueueUserWorkItem(Churn, stop, preferLocal: false);
    }
}
