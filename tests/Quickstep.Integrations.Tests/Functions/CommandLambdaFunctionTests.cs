using System.Diagnostics;
using Quickstep.Integrations.Functions;
using Quickstep.Json;
using static Quickstep.Integrations.Tests.TestSupport;

namespace Quickstep.Integrations.Tests.Functions;

/// <summary>Real processes; /bin/sh -c stands in for function programs (tests only).</summary>
public sealed class CommandLambdaFunctionTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:Cmd";

    private static LambdaResourceHandler HandlerFor(params string[] command)
    {
        var registry = new LambdaFunctionRegistry();
        registry.RegisterCommand("Cmd", command);
        return Handler(registry);
    }

    private static async Task<Engine.Ports.TaskResult> RunAsync(LambdaResourceHandler handler, string resource, string parameters, CancellationToken ct = default) =>
        await handler.InvokeAsync(Request(resource, parameters), ct);

    [Fact]
    public async Task InvokeAsync_Cat_ReturnsTheEvent()
    {
        var result = await RunAsync(HandlerFor("/bin/sh", "-c", "cat"), Arn, "{\"a\":[1,\"é\",{\"b\":null}]}");

        Assert.True(result.IsSuccess);
        Assert.Equal("{\"a\":[1,\"é\",{\"b\":null}]}", JsonOf(result.Output));
    }

    [Fact]
    public async Task InvokeAsync_ArgumentsArePassedWithoutAShell_ReachTheProgramVerbatim()
    {
        var result = await RunAsync(HandlerFor("/bin/sh", "-c", "printf '\"%s\"' \"$1\"", "sh", "a b; $HOME"), Arn, "{}");

        Assert.Equal("\"a b; $HOME\"", JsonOf(result.Output));
    }

    [Fact]
    public async Task InvokeAsync_EmptyStdout_ReturnsNull()
    {
        var result = await RunAsync(HandlerFor("/bin/sh", "-c", "cat >/dev/null"), Arn, "{}");

        Assert.Equal("null", JsonOf(result.Output));
    }

    [Fact]
    public async Task InvokeAsync_ViaInvokeIntegration_WrapsStdoutInTheEnvelope()
    {
        var result = await RunAsync(HandlerFor("/bin/sh", "-c", "cat"), LambdaResourceHandler.InvokeResource, "{\"FunctionName\":\"Cmd\",\"Payload\":{\"n\":1}}");

        Assert.Equal("{\"n\":1}", JsonOf(((JObject)result.Output!)["Payload"]));
    }

    [Fact]
    public async Task InvokeAsync_NonZeroExitWithLambdaErrorObject_FailsWithItsErrorTypeAndPrintedText()
    {
        const string printed = "{\"errorMessage\": \"it broke\", \"errorType\": \"BrokenError\", \"stackTrace\": []}";
        var handler = HandlerFor("/bin/sh", "-c", $"cat >/dev/null; printf '%s\\n' '{printed}'; exit 3");

        var direct = await RunAsync(handler, Arn, "{}");
        var viaInvoke = await RunAsync(handler, LambdaResourceHandler.InvokeResource, "{\"FunctionName\":\"Cmd\"}");

        Assert.Equal("BrokenError", direct.Error!.Error);
        Assert.Equal(printed, direct.Error.Cause);
        Assert.Equal("BrokenError", viaInvoke.Error!.Error);
        Assert.Equal("{\"errorMessage\":\"it broke\",\"errorType\":\"BrokenError\",\"stackTrace\":[]}", viaInvoke.Error.Cause);
    }

    [Fact]
    public async Task InvokeAsync_NonZeroExitWithoutErrorObject_FailsLambdaUnknownQuotingStderr()
    {
        var result = await RunAsync(HandlerFor("/bin/sh", "-c", "echo 'disk on fire' >&2; exit 7"), Arn, "{}");

        Assert.Equal("Lambda.Unknown", result.Error!.Error);
        Assert.StartsWith("The cause could not be determined because Lambda did not return an error type.", result.Error.Cause, StringComparison.Ordinal);
        Assert.Contains("exited with code 7", result.Error.Cause, StringComparison.Ordinal);
        Assert.Contains("stderr: disk on fire", result.Error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ZeroExitWithNonJsonStdout_FailsLambdaUnknown()
    {
        var result = await RunAsync(HandlerFor("/bin/sh", "-c", "echo hello"), Arn, "{}");

        Assert.Equal("Lambda.Unknown", result.Error!.Error);
        Assert.Contains("not JSON", result.Error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ProgramMissing_FailsLambdaUnknown()
    {
        var result = await RunAsync(HandlerFor("/nonexistent/program-xyz"), Arn, "{}");

        Assert.Equal("Lambda.Unknown", result.Error!.Error);
        Assert.Contains("could not start", result.Error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ProgramIgnoresStdin_StillSucceeds()
    {
        var big = new string('x', 1 << 20);
        var result = await RunAsync(HandlerFor("/bin/sh", "-c", "echo 42"), Arn, $"{{\"big\":\"{big}\"}}");

        Assert.Equal("42", JsonOf(result.Output));
    }

    [Fact]
    public async Task InvokeAsync_LargeEventThroughCat_RoundTrips()
    {
        var big = new string('y', 1 << 20);
        var result = await RunAsync(HandlerFor("/bin/sh", "-c", "cat"), Arn, $"{{\"big\":\"{big}\"}}");

        Assert.Equal(big, ((JString)((JObject)result.Output!)["big"]!).Value);
    }

    [Fact]
    public async Task InvokeAsync_TimeoutCancels_KillsTheProcessTree()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"qs-sleep-{Guid.NewGuid():N}.pid");
        try
        {
            // The shell starts a child sleep and records its pid; cancelling must kill both.
            var handler = HandlerFor("/bin/sh", "-c", $"sleep 60 & echo $! > '{pidFile}'; wait");
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            var watch = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(handler, Arn, "{}", cts.Token));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
            var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            await WaitUntilGoneAsync(pid);
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task InvokeAsync_ManyConcurrentCalls_AllComplete()
    {
        var handler = HandlerFor("/bin/sh", "-c", "cat");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            RunAsync(handler, Arn, $"{{\"i\":{i}}}")));

        for (var i = 0; i < results.Length; i++)
            Assert.Equal($"{{\"i\":{i}}}", JsonOf(results[i].Output));
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            // A killed child may linger as a zombie until reaped; /proc/PID/stat shows state 'Z'.
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
                return;
            try
            {
                var text = await File.ReadAllTextAsync(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
                if (state is "Z" or "X")
                    return;
            }
            catch (IOException)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"process {pid} still runs after the cancellation");
    }
}
