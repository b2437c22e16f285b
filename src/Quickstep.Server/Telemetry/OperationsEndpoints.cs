using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Quickstep.Engine.Telemetry;
using Quickstep.Server.Api;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Server.Telemetry;

/// <summary>
/// <c>GET /metrics</c> (Prometheus text format), <c>GET /health/live</c> (the process answers) and <c>GET /health/ready</c>
/// (503 until the store is open and the async queue recovered). Unauthenticated, as monitoring endpoints are.
/// </summary>
internal sealed class OperationsEndpoints : IDisposable
{
    private readonly PrometheusMetrics _metrics;
    private volatile bool _ready;

    public OperationsEndpoints(ServerMetrics server)
    {
        _metrics = new PrometheusMetrics(server.Meter, [QuickstepTelemetry.Name, SqliteMetrics.MeterName]);
    }

    /// <summary>The store is open and recovery done: ready for traffic.</summary>
    public void Ready() => _ready = true;

    /// <summary>The request's task when it is one of these endpoints, otherwise null.</summary>
    public Task? TryHandle(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method))
            return null;
        return http.Request.Path.Value switch
        {
            "/metrics" => MetricsAsync(http),
            "/health/live" => ApiEndpoint.WriteAsync(http, 200, new JsonObject { ["status"] = "live" }),
            "/health/ready" => _ready
                ? ApiEndpoint.WriteAsync(http, 200, new JsonObject { ["status"] = "ready" })
                : ApiEndpoint.WriteAsync(http, 503, new JsonObject { ["status"] = "starting" }),
            _ => null,
        };
    }

    private Task MetricsAsync(HttpContext http)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        return http.Response.WriteAsync(_metrics.Scrape(), http.RequestAborted);
    }

    public void Dispose() => _metrics.Dispose();
}
