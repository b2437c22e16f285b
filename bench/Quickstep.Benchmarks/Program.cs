using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace Quickstep.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/Quickstep.Benchmarks -- --filter '*Choice*'` (any BenchmarkDotNet
/// switch). Runs in-process by default (a generated project per run takes minutes to build on a busy
/// 2-core machine); pass --out-of-process for BenchmarkDotNet's default isolated child processes.
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var outOfProcess = args.Contains("--out-of-process");
        args = [.. args.Where(a => a != "--out-of-process")];
        if (!outOfProcess && !args.Contains("--inProcess"))
            args = [.. args, "--inProcess"];
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile)
            .WithSummaryStyle(BenchmarkDotNet.Reports.SummaryStyle.Default.WithMaxParameterColumnWidth(40));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
