using Microsoft.Extensions.Logging;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Telemetry;

/// <summary>What the server adds for operators: the /metrics and /health endpoints, OTLP export when configured, the console log format.</summary>
internal sealed class ServerTelemetry : IDisposable
{
    private readonly IDisposable? _otlp;

    public ServerTelemetry(ServerMetrics metrics, TelemetryConfig config)
    {
        Endpoints = new OperationsEndpoints(metrics);
        _otlp = OtlpExport.Start(config);
    }

    public OperationsEndpoints Endpoints { get; }

    /// <summary>One line per entry: plain text by default, a JSON object per line (with scopes: the execution ARN) for <c>"logging": {"format": "json"}</c>.</summary>
    public static void AddConsoleLogging(ILoggingBuilder logging, QuickstepConfig config)
    {
        if (config.JsonLogs)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
        }
    }

    public void Dispose()
    {
        Endpoints.Dispose();
        _otlp?.Dispose();
    }
}
