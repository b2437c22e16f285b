namespace Quickstep.Server.Hosting;

/// <summary>The configuration file's <c>telemetry</c> section: where traces and metrics are exported (OTLP). Default: nowhere.</summary>
public sealed class TelemetryConfig
{
    public static TelemetryConfig None { get; } = new();

    /// <summary>The OTLP receiver (e.g. http://127.0.0.1:4317 for gRPC, http://127.0.0.1:4318 for HTTP); null: no export.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; init; } = "grpc";

    /// <summary>Export traces (default true when an endpoint is given).</summary>
    public bool Traces { get; init; } = true;

    /// <summary>Export metrics (default true when an endpoint is given).</summary>
    public bool Metrics { get; init; } = true;

    /// <summary>The resource's service.name. Default "quickstep".</summary>
    public string ServiceName { get; init; } = "quickstep";
}
