using System.Diagnostics;
using System.Globalization;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// <c>--functions [--calls N]</c> (issue 12): one function call, sequential, through the registry as a Task's handler
/// makes it: an in-process .NET delegate (the baseline), a warm runtime worker (unchanged Node handler code over the
/// Lambda Runtime API on loopback) and a command (a process per call). Wall-clock latency percentiles per kind, same run.
/// </summary>
internal static class FunctionInvocationBenchmarks
{
    private const string Handler = "exports.handler = async (event) => ({ echoed: event.n });\n";

    public static async Task<int> RunAsync(int calls, IReadOnlyList<string>? kinds = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-fn-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "index.js"), Handler).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(dir, "app.py"), "def handler(event, context):\n    return {'echoed': event['n']}\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(dir, "echo.js"), "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.stringify({echoed: JSON.parse(s).n})));\n").ConfigureAwait(false);
        var registry = new LambdaFunctionRegistry();
        await using (registry.ConfigureAwait(false))
        {
            registry.Register("InProcess", static (JValue e) => JObject.Create([new("echoed", ((JObject)e)["n"]!)]));
            FunctionsFile.ParseInto(registry, """
                {"functions": {
                  "Worker": {"runtime": "nodejs", "handler": "index.handler", "codeDir": ".", "concurrency": 1},
                  "PythonWorker": {"runtime": "python", "handler": "app.handler", "codeDir": ".", "concurrency": 1},
                  "Command": {"command": ["node", "echo.js"]}
                }}
                """, "bench", dir);
            Console.WriteLine(FormattableString.Invariant($"function calls, sequential, {calls} per kind ({Environment.ProcessorCount} cores, {Environment.OSVersion})"));
            var results = new Dictionary<string, double[]>();
            foreach (var name in kinds ?? ["InProcess", "Worker", "PythonWorker", "Command"])
            {
                var function = registry.Functions.Single(f => f.Key == name).Function;
                var n = name == "Command" ? Math.Min(calls, 200) : calls;
                for (var i = 0; i < Math.Min(50, n); i++)
                    await CallAsync(function, i).ConfigureAwait(false); // warm-up: the worker starts, the JIT settles
                var micros = new double[n];
                for (var i = 0; i < n; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await CallAsync(function, i).ConfigureAwait(false);
                    micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }

                Array.Sort(micros);
                results[name] = micros;
                Console.WriteLine(FormattableString.Invariant($"  {name,-10} n={n,6}  p50 {P(micros, 0.50),9:F1} µs  p90 {P(micros, 0.90),9:F1} µs  p99 {P(micros, 0.99),9:F1} µs"));
            }

            if (results.TryGetValue("InProcess", out var baseline))
            {
                foreach (var (name, micros) in results.Where(r => r.Key != "InProcess"))
                    Console.WriteLine(FormattableString.Invariant($"  {name} adds {P(micros, 0.5) - P(baseline, 0.5):F1} µs at p50 over in-process{(name.EndsWith("Worker", StringComparison.Ordinal) ? " (target for a warm worker ≤ 200 µs)" : string.Empty)}"));
            }
        }

        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static async Task CallAsync(LambdaFunction function, int i)
    {
        var result = await function.InvokeAsync(JObject.Create([new("n", JNumber.Create(i))]), new LambdaInvocation { RequestId = Guid.NewGuid().ToString() }, CancellationToken.None).ConfigureAwait(false);
        if (result.Payload is not JObject { } o || o["echoed"] is not JNumber)
            throw new InvalidOperationException("unexpected function result: " + result.Payload);
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}
