using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests;

/// <summary>A real Quickstep server (Kestrel on a free loopback port, SQLite in a temp dir) for one test class.</summary>
public sealed class InProcessServer : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-server-" + Guid.NewGuid().ToString("N"));

    public QuickstepServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string Endpoint => Server.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        Server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db") },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        Http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>POSTs an operation with a JSON body; returns the status and the parsed response.</summary>
    public Task<(int Status, JsonElement Body)> CallAsync(string operation, string json) =>
        Call(Http, operation, json);

    public static async Task<(int Status, JsonElement Body)> Call(HttpClient http, string operation, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
