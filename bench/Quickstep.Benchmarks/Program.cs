using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Quickstep.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/Quickstep.Benchmarks -- --filter '*Choice*'` (any BenchmarkDotNet
/// switch). Runs in-process by default (a generated project per run takes minutes to build on a busy
/// 2-core machine); pass --out-of-process for BenchmarkDotNet's default isolated child processes.
/// --cpu-clock adds a ShortRun job timed by the thread's CPU time (<see cref="ThreadCpuClock"/>): on a
/// shared machine, use it instead of --job. `--waiting N [--wait-seconds S]` runs no benchmark: it holds N
/// executions in a Wait and reports memory (<see cref="WaitingExecutions"/>). `--sqs-task [--rounds R]
/// [--seconds S]` runs no benchmark: process CPU per execution, Pass vs sqs:sendMessage (<see cref="SqsTaskBenchmarks"/>).
/// `--functions [--calls N] [--kinds InProcess,Worker,PythonWorker,Command]`: latency of an in-process, a warm runtime-worker (Node, Python) and a command function call (<see cref="FunctionInvocationBenchmarks"/>).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var waiting = Array.IndexOf(args, "--waiting");
        if (waiting >= 0)
        {
            var count = waiting + 1 < args.Length ? int.Parse(args[waiting + 1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
            var seconds = Array.IndexOf(args, "--wait-seconds") is var w and >= 0 ? int.Parse(args[w + 1], System.Globalization.CultureInfo.InvariantCulture) : 60;
            return WaitingExecutions.RunAsync(count, seconds).GetAwaiter().GetResult();
        }

        if (args.Contains("--sqs-task"))
        {
            var rounds = Array.IndexOf(args, "--rounds") is var r and >= 0 ? int.Parse(args[r + 1], System.Globalization.CultureInfo.InvariantCulture) : 3;
            var seconds = Array.IndexOf(args, "--seconds") is var s and >= 0 ? double.Parse(args[s + 1], System.Globalization.CultureInfo.InvariantCulture) : 3;
            return SqsTaskBenchmarks.RunCpuAsync(rounds, seconds).GetAwaiter().GetResult();
        }

        if (args.Contains("--functions"))
        {
            var calls = Array.IndexOf(args, "--calls") is var c and >= 0 ? int.Parse(args[c + 1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
            var kinds = Array.IndexOf(args, "--kinds") is var k and >= 0 ? args[k + 1].Split(',') : null;
            return FunctionInvocationBenchmarks.RunAsync(calls, kinds).GetAwaiter().GetResult();
        }

        var outOfProcess = args.Contains("--out-of-process");
        var cpuClock = args.Contains("--cpu-clock");
        args = [.. args.Where(a => a is not "--out-of-process" and not "--cpu-clock")];
        if (!outOfProcess && !cpuClock && !args.Contains("--inProcess"))
            args = [.. args, "--inProcess"];
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile)
            .WithSummaryStyle(BenchmarkDotNet.Reports.SummaryStyle.Default.WithMaxParameterColumnWidth(40));
        if (cpuClock)
            config = config.AddJob(Job.ShortRun.WithClock(ThreadCpuClock.Instance).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100)).WithEvaluateOverhead(false).WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance).WithId("ShortRun-CpuClock"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
