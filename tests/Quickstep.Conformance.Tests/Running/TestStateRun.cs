using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Quickstep.Conformance.Tests.Comparison;
using Quickstep.Json;
using Quickstep.Server;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>
/// Sends every recorded TestState call to a live Quickstep server (Kestrel on a free loopback port,
/// SQLite in a temp folder, started once per test process) as an AWS JSON 1.0 request over real
/// HTTP, and compares each response with the recording as compare.py --kind test_state does.
/// </summary>
internal static class TestStateRun
{
    private static readonly Lazy<Task<IReadOnlyDictionary<string, string?>>> Runs = new(RunAllAsync);

    /// <summary>The first difference of the case's response, or null when it matches.</summary>
    public static async Task<string?> GetAsync(string id) => (await Runs.Value.ConfigureAwait(false))[id];

    public static Task<IReadOnlyDictionary<string, string?>> AllAsync() => Runs.Value;

    private static async Task<IReadOnlyDictionary<string, string?>> RunAllAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-teststate-" + Guid.NewGuid().ToString("N"));
        var server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "q.db"), AccountId = "111111111111" },
            logging => logging.SetMinimumLevel(LogLevel.Warning)).ConfigureAwait(false);
        try
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var results = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(TestStateLibrary.All, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, ct) =>
                results[c.Id] = await RunAsync(http, c, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return results;
        }
        finally
        {
            await server.DisposeAsync().ConfigureAwait(false);
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the temp folder goes with the machine's temp cleanup.
            }
        }
    }

    private static async Task<string?> RunAsync(HttpClient http, TestStateCase c, CancellationToken ct)
    {
        using var content = new StringContent(JsonText.Serialize(c.Request), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.TestState");
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!JsonText.TryParse(text, out var body, out _) || body is not JObject json)
            return $"HTTP {(int)response.StatusCode}: not a JSON object: {PyFormat.Short(text, 200)}";
        return TestStateComparer.Compare(c.Expected, c.Placeholders, json);
    }
}
