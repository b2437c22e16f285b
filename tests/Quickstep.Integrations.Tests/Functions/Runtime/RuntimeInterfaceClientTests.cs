using System.Diagnostics;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Functions.Runtime;

/// <summary>
/// The official AWS Lambda Runtime Interface Client from npm (aws-lambda-ric 4.0.2, in tests/runtime-interface-client, installed by scripts/test.sh)
/// as a <c>worker</c> function on this machine's Node 20: it speaks the Runtime API to Quickstep's listener unchanged and
/// runs the same unchanged handler file as the nodejs runtime tests.
/// </summary>
public sealed class RuntimeInterfaceClientTests : IAsyncLifetime
{
    private static readonly string PackageDirectory = Path.GetFullPath(Path.Combine(HandlerFiles.Directory, "..", "..", "..", "runtime-interface-client"));
    private readonly LambdaFunctionRegistry _registry = new();

    public async Task InitializeAsync()
    {
        var client = Path.GetFullPath(Path.Combine(PackageDirectory, "node_modules", "aws-lambda-ric", "index.mjs"));
        // Its install scripts build the native client (rapid-client.node); scripts/test.sh installs it, this covers a bare `dotnet test`.
        if (!File.Exists(Path.Combine(PackageDirectory, "node_modules", "aws-lambda-ric", "rapid-client.node")))
            await NpmCiAsync();
        Assert.True(File.Exists(client), "aws-lambda-ric is not installed in " + PackageDirectory);
        var code = JsonText.Serialize(JString.Create(Path.Combine(HandlerFiles.Directory, "node-cjs")));
        FunctionsFile.ParseInto(_registry, $$$"""
            {"functions": {
              "Ric": {"worker": ["node", {{{JsonText.Serialize(JString.Create(client))}}}], "handler": "index.handler", "codeDir": {{{code}}}, "memorySize": 256, "concurrency": 1},
              "RicReject": {"worker": ["node", {{{JsonText.Serialize(JString.Create(client))}}}], "handler": "index.fail", "codeDir": {{{code}}}}
            }}
            """, "test");
    }

    public Task DisposeAsync() => _registry.DisposeAsync().AsTask();

    private static async Task NpmCiAsync()
    {
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]) { WorkingDirectory = PackageDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var npm = Process.Start(start)!;
        var stderr = npm.StandardError.ReadToEndAsync();
        await npm.StandardOutput.ReadToEndAsync();
        await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(20));
        Assert.True(npm.ExitCode == 0, "npm ci in tests/runtime-interface-client failed: " + await stderr);
    }

    private Task<LambdaInvocationResult> InvokeAsync(string name, string eventJson, string? requestId = null) =>
        _registry.Functions.Single(f => f.Key == name).Function
            .InvokeAsync(JsonText.Parse(eventJson), new LambdaInvocation { RequestId = requestId ?? Guid.NewGuid().ToString() }, CancellationToken.None).AsTask();

    [Fact]
    public async Task OfficialClient_RunsTheUnchangedHandler_WithLambdasContext_AndStaysWarm()
    {
        var first = await InvokeAsync("Ric", """{"name": "Ada"}""", "cccccccc-0000-0000-0000-000000000003");
        var second = await InvokeAsync("Ric", """{"name": "Bob"}""");

        Assert.True(first.IsSuccess, first.Error?.ErrorMessage);
        var o = Assert.IsType<JObject>(first.Payload);
        Assert.Equal("Hello, Ada", ((JString)o["greeting"]!).Value);
        Assert.Equal("cccccccc-0000-0000-0000-000000000003", ((JString)o["requestId"]!).Value);
        Assert.Equal("Ric", ((JString)o["functionName"]!).Value);
        Assert.Equal("256", ((JString)o["memory"]!).Value);
        Assert.True(((JBool)o["remainingOk"]!).Value);
        Assert.Equal("Hello, Bob", ((JString)((JObject)second.Payload!)["greeting"]!).Value);
        Assert.Equal(((JNumber)o["pid"]!).Value, ((JNumber)((JObject)second.Payload!)["pid"]!).Value);
    }

    [Fact]
    public async Task OfficialClient_ReportsTheHandlersError()
    {
        var result = await InvokeAsync("RicReject", """{"id": 9}""");

        Assert.Equal("OrderRejected", result.Error!.ErrorType);
        Assert.Equal("order 9 rejected", result.Error.ErrorMessage);
    }
}
