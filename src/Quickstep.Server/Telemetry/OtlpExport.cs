using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quickstep.Engine.Telemetry;
using Quickstep.Server.Hosting;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Server.Telemetry;

/// <summary>The OpenTelemetry SDK, started only when the configuration names an OTLP endpoint (otherwise nothing listens and tracing costs nothing).</summary>
internal static class OtlpExport
{
    public static IDisposable? Start(TelemetryConfig config)
    {
        if (config.OtlpEndpoint is not { } endpoint)
            return null;
        var protocol = config.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var resource = ResourceBuilder.CreateDefault().AddService(config.ServiceName);
        var providers = new Providers();
        if (config.Traces)
        {
            // For HTTP the SDK does not append the signal's path to an endpoint given in code: add it as OTEL_EXPORTER_OTLP_ENDPOINT would.
            var traces = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, "v1/traces") : endpoint;
            providers.Tracer = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(QuickstepTelemetry.Name)
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = traces;
                    o.Protocol = protocol;
                })
                .Build();
        }

        if (config.Metrics)
        {
            var metrics = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, "v1/metrics") : endpoint;
            providers.Meter = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(QuickstepTelemetry.Name, ServerMetrics.MeterName, SqliteMetrics.MeterName)
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = metrics;
                    o.Protocol = protocol;
                })
                .Build();
        }

        return providers;
    }

    private sealed class Providers : IDisposable
    {
        public TracerProvider? Tracer { get; set; }

        public MeterProvider? Meter { get; set; }

        public void Dispose()
        {
            Tracer?.Dispose();
            Meter?.Dispose();
        }
    }
}
