using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quickstep.Server.Tests.Telemetry;

/// <summary>
/// `"logging": {"format": "json"}`: `quickstep serve` writes one JSON object per log line, and a line written while an
/// execution runs (here: what a Lambda handler prints during the execution's Task) carries that execution's ARN in its
/// scopes (issue 19). A real process, so the console logger is the one users get.
/// </summary>
public sealed partial class JsonLogTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-jsonlog-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task JsonLines_CarryTheExecutionArnOfTheExecutionTheyBelongTo()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "index.js"), "exports.handler = async (e) => { console.log('hello ' + e.who); return { ok: true }; };\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "quickstep.json"),
            """{"logging": {"format": "json"}, "functions": {"Hello": {"runtime": "nodejs", "handler": "index.handler", "codeDir": "."}}}""");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Repo.CliDll, "serve", "--port", "0", "--db", Path.Combine(_dir, "q.db"), "--config", Path.Combine(_dir, "quickstep.json") })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var lines = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lines.Enqueue(e.Data);
            if (Banner().Match(e.Data) is { Success: true } m)
                listening.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lines.Enqueue(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            const string Definition = """{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"Hello","Payload":{"who":"json-logs"}},"End":true}}}""";
            var (status, created) = await InProcessServer.Call(http, "CreateStateMachine",
                $$"""{"name":"logs","type":"EXPRESS","roleArn":"arn:aws:iam::123456789012:role/r","definition":{{JsonSerializer.Serialize(Definition)}}}""");
            Assert.Equal(200, status);
            var (runStatus, run) = await InProcessServer.Call(http, "StartSyncExecution", $$"""{"stateMachineArn":"{{created.GetProperty("stateMachineArn").GetString()}}","input":"{}"}""");
            Assert.Equal(200, runStatus);
            Assert.Equal("SUCCEEDED", run.GetProperty("status").GetString());
            var executionArn = run.GetProperty("executionArn").GetString();

            string? printed = null;
            for (var i = 0; i < 100 && printed is null; i++)
            {
                printed = lines.FirstOrDefault(l => l.Contains("hello json-logs", StringComparison.Ordinal));
                if (printed is null)
                    await Task.Delay(100);
            }

            Assert.True(printed is not null, "the handler's line never reached the log:\n" + string.Join('\n', lines));
            using var line = JsonDocument.Parse(printed);
            Assert.Equal("Quickstep.Server", line.RootElement.GetProperty("Category").GetString());
            Assert.Contains("hello json-logs", line.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
            Assert.Contains(line.RootElement.GetProperty("Scopes").EnumerateArray(),
                s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("ExecutionArn", out var arn) && arn.GetString() == executionArn);

            // Every log line is a JSON object (the banner is the command's own output, not a log line).
            foreach (var l in lines.Where(l => !Banner().IsMatch(l)))
                Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"serving the Step Functions API at (http://\S+) \(database")]
    private static partial Regex Banner();
}
