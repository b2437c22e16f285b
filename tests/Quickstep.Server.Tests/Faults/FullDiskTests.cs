using System.Diagnostics;
using System.Text.Json;

namespace Quickstep.Server.Tests.Faults;

/// <summary>
/// The store on a small tmpfs (mounted by the test; the suite runs as root here and in CI) that is then filled:
/// callers get a 5xx in the service's own error shape quickly, never a hang or .NET exception text, and the
/// server works again once space returns.
/// </summary>
public sealed class FullDiskTests
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:echo";

    [Fact]
    public async Task FullDisk_CallersGetAServiceError_AndTheServerRecoversWhenSpaceReturns()
    {
        using var scratch = new FaultScratch();
        var mount = Path.Combine(scratch.Dir, "small");
        Directory.CreateDirectory(mount);
        Run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount);
        try
        {
            using var server = await ServeProcess.StartAsync(Path.Combine(mount, "q.db"), scratch.Dir);
            await KillAndTermTests.CreateAsync(server.Http, "echo", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
            var url = (await KillAndTermTests.SqsAsync(server.Http, "CreateQueue", """{"QueueName":"full"}""")).GetProperty("QueueUrl").GetString()!;
            var input = JsonSerializer.Serialize(new { pad = new string('x', 100_000) });
            Assert.Equal(200, (await SyncAsync(server, input)).Status);

            var filler = Path.Combine(mount, "filler");
            Fill(filler);
            // Each call fails fast in its service's shape until the store cannot write (SQLite may still find a free page or two).
            var sfnErrors = 0;
            var sqsErrors = 0;
            for (var i = 0; i < 40 && (sfnErrors < 3 || sqsErrors < 3); i++)
            {
                var (status, body, elapsed) = await SyncAsync(server, input);
                Assert.True(elapsed < TimeSpan.FromSeconds(10), $"StartSyncExecution took {elapsed} on a full disk");
                if (status != 200)
                {
                    AssertServiceError(status, body);
                    sfnErrors++;
                }

                var (sqsStatus, sqsBody) = await KillAndTermTests.SqsCallAsync(server.Http, "SendMessage", JsonSerializer.Serialize(new { QueueUrl = url, MessageBody = new string('m', 100_000) }));
                if (sqsStatus != 200)
                {
                    AssertServiceError(sqsStatus, sqsBody);
                    sqsErrors++;
                }
            }

            Assert.True(sfnErrors >= 3, "StartSyncExecution never failed on a full disk");
            Assert.True(sqsErrors >= 3, "SendMessage never failed on a full disk");

            File.Delete(filler);
            var recovered = false;
            for (var i = 0; i < 20 && !recovered; i++)
            {
                recovered = (await SyncAsync(server, input)).Status == 200
                    && (await KillAndTermTests.SqsCallAsync(server.Http, "SendMessage", JsonSerializer.Serialize(new { QueueUrl = url, MessageBody = "after" }))).Status == 200;
                if (!recovered)
                    await Task.Delay(250);
            }

            Assert.True(recovered, "the server did not recover once space returned");
            var (_, list) = await InProcessServer.Call(server.Http, "ListExecutions", JsonSerializer.Serialize(new { stateMachineArn = Sm, statusFilter = "SUCCEEDED" }));
            Assert.True(list.GetProperty("executions").GetArrayLength() >= 2);
            server.Kill();
            Assert.Equal("ok", FaultScratch.IntegrityCheck(Path.Combine(mount, "q.db")));
        }
        finally
        {
            Run("umount", "-l", mount);
        }
    }

    /// <summary>A 5xx in AWS JSON's shape with a message that is not a .NET stack trace.</summary>
    private static void AssertServiceError(int status, JsonElement body)
    {
        Assert.InRange(status, 500, 599);
        var type = body.GetProperty("__type").GetString()!;
        Assert.Contains(type[(type.IndexOf('#', StringComparison.Ordinal) + 1)..], new[] { "ServiceUnavailable", "InternalFailure", "InternalError", "InternalServerError" });
        var message = body.GetProperty("message").GetString()!;
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
    }

    private static async Task<(int Status, JsonElement Body, TimeSpan Elapsed)> SyncAsync(ServeProcess server, string input)
    {
        var clock = Stopwatch.StartNew();
        var (status, body) = await InProcessServer.Call(server.Http, "StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm, input }));
        return (status, body, clock.Elapsed);
    }

    /// <summary>Writes until the file system is full.</summary>
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
                file.Write(block);
        }
        catch (IOException)
        {
            // Full: what was written stays.
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {error}");
    }
}
