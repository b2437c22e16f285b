using System.Runtime.CompilerServices;
using Quickstep.Engine;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// The shared workloads (the repository's copy in tests/data/bench/workloads, or $QUICKSTEP_WORKLOADS)
/// loaded into an engine on a virtual clock, wired the way `quickstep bench` wires them.
/// </summary>
internal static class Workloads
{
    public static readonly string[] Ids = ["w1", "w2", "w3", "w4", "w5", "w6"];

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["w1"] = "w1-pass-chain-100",
        ["w2"] = "w2-choice-loop-1000",
        ["w3"] = "w3-inline-map-1000x3",
        ["w4"] = "w4-parallel-10x10",
        ["w5"] = "w5-task-chain-50",
        ["w6"] = "w6-retry-catch",
    };

    public static string Directory { get; } = Locate();

    public static string Definition(string id) => File.ReadAllText(Path.Combine(Directory, Files[id] + ".asl.json"));

    public static JValue Input(string id) => JsonText.Parse(File.ReadAllText(Path.Combine(Directory, Files[id] + ".input.json")));

    /// <summary>A loaded workload; w5's functions echo their input, w6's answer from its mock file (test case Default).</summary>
    public static (StateMachine Machine, ExecutionOptions Options, MockingResourceHandler? Mocks) Load(string id, bool history = false)
    {
        var clock = new VirtualTimeProvider();
        var registry = new LambdaFunctionRegistry();
        registry.Register("Identity", static (JValue e) => e);
        IResourceHandler handler = new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions { TimeProvider = clock });
        MockingResourceHandler? mocks = null;
        string? testCase = null;
        if (id == "w6")
        {
            handler = mocks = new MockingResourceHandler(MockConfig.Load(Path.Combine(Directory, "w6-retry-catch.mock.json")), handler);
            testCase = "Default";
        }

        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker, ResourceHandlers = [handler] });
        return (engine.Load(Definition(id), Files[id]), new ExecutionOptions { TestCase = testCase, RecordHistory = history }, mocks);
    }

    private static string Locate([CallerFilePath] string source = "")
    {
        if (Environment.GetEnvironmentVariable("QUICKSTEP_WORKLOADS") is { Length: > 0 } dir)
            return dir;
        // bench/Quickstep.Benchmarks/Workloads.cs → <repo>/tests/data/bench/workloads
        var repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));
        return Path.Combine(repo, "tests", "data", "bench", "workloads");
    }
}
