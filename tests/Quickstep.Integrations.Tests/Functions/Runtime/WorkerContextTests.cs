using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Functions.Runtime;

/// <summary>
/// A warm worker is started by one call and serves later ones: what it prints during a call is logged in that call's
/// context (its execution's log scope), never in the context of the call that happened to start the worker.
/// </summary>
public sealed class WorkerContextTests
{
    private static readonly AsyncLocal<string?> Caller = new();

    [Fact]
    public async Task OutputDuringACall_IsLoggedInThatCallsContext()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-worker-ctx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "index.js"), "exports.handler = async (e) => { console.log('line-' + e.n); return e.n; };\n");
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string Line, string? Caller)>();
        var registry = new LambdaFunctionRegistry();
        await using (registry)
        {
            FunctionsFile.ParseInto(registry, """{"functions": {"Say": {"runtime": "nodejs", "handler": "index.handler", "codeDir": ".", "concurrency": 1}}}""", "test", dir,
                new FunctionHostOptions { Log = (_, line) => seen.Enqueue((line, Caller.Value)) });
            var function = registry.Functions.Single(f => f.Key == "Say").Function;
            foreach (var n in new[] { 1, 2 })
            {
                Caller.Value = "call-" + n;
                var result = await function.InvokeAsync(JObject.Create([new("n", JNumber.Create(n))]), new LambdaInvocation { RequestId = Guid.NewGuid().ToString(), WantsLog = true }, CancellationToken.None);
                Assert.Equal(n, ((JNumber)result.Payload!).Value);
            }
        }

        Directory.Delete(dir, recursive: true);
        var second = Assert.Single(seen, s => s.Line.Contains("line-2", StringComparison.Ordinal));
        Assert.Equal("call-2", second.Caller);
        Assert.Equal("call-1", Assert.Single(seen, s => s.Line.Contains("line-1", StringComparison.Ordinal)).Caller);
    }

    [Fact]
    public async Task TheCallersSpan_ReachesTheHandlerAsItsXRayTraceId()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-worker-trace-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "index.js"), "exports.handler = async () => process.env._X_AMZN_TRACE_ID;\n");
        var registry = new LambdaFunctionRegistry();
        await using (registry)
        {
            FunctionsFile.ParseInto(registry, """{"functions": {"Trace": {"runtime": "nodejs", "handler": "index.handler", "codeDir": "."}}}""", "test", dir);
            var function = registry.Functions.Single(f => f.Key == "Trace").Function;
            using var span = new System.Diagnostics.Activity("Task").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
            var result = await function.InvokeAsync(JObject.Empty, new LambdaInvocation { RequestId = Guid.NewGuid().ToString() }, CancellationToken.None);
            var trace = span.TraceId.ToHexString();
            Assert.Equal($"Root=1-{trace[..8]}-{trace[8..]};Parent={span.SpanId.ToHexString()};Sampled=0", ((JString)result.Payload!).Value);
        }

        Directory.Delete(dir, recursive: true);
    }
}
