using System.Text;
using Quickstep.Server.Hosting;
using Quickstep.Server.Telemetry;

namespace Quickstep.Server.Tests.Telemetry;

/// <summary>The configuration file's telemetry and logging sections, and the traceHeader formats.</summary>
public sealed class TelemetryConfigTests
{
    [Fact]
    public void Parse_TelemetryAndLogging_Read()
    {
        var config = QuickstepConfigLoader.Parse(Encoding.UTF8.GetBytes("""
            {"telemetry": {"serviceName": "qs", "otlp": {"endpoint": "http://127.0.0.1:4318", "protocol": "http/protobuf", "metrics": false}},
             "logging": {"format": "json"}}
            """), "q.json");
        Assert.Equal(new Uri("http://127.0.0.1:4318"), config.Telemetry.OtlpEndpoint);
        Assert.Equal("http/protobuf", config.Telemetry.OtlpProtocol);
        Assert.True(config.Telemetry.Traces);
        Assert.False(config.Telemetry.Metrics);
        Assert.Equal("qs", config.Telemetry.ServiceName);
        Assert.True(config.JsonLogs);
        Assert.Null(QuickstepConfig.Empty.Telemetry.OtlpEndpoint);
        Assert.False(QuickstepConfig.Empty.JsonLogs);
    }

    [Fact]
    public void Parse_BadTelemetry_ReportsEveryProblem()
    {
        var e = Assert.Throws<QuickstepConfigException>(() => QuickstepConfigLoader.Parse(Encoding.UTF8.GetBytes("""
            {"telemetry": {"otlp": {"endpoint": "ftp://x", "protocol": "udp", "traces": "yes"}}, "logging": {"format": "xml"}}
            """), "q.json"));
        Assert.Contains("/telemetry/otlp/endpoint: must be an absolute http:// or https:// URL", e.Message, StringComparison.Ordinal);
        Assert.Contains("/telemetry/otlp/protocol: must be 'grpc' or 'http/protobuf'", e.Message, StringComparison.Ordinal);
        Assert.Contains("/telemetry/otlp/traces: must be a boolean", e.Message, StringComparison.Ordinal);
        Assert.Contains("/logging/format: must be 'json' or 'text'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TraceHeaders_XRayAndW3C_GiveTheParentContext()
    {
        var xray = TraceHeaders.Parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")!.Value;
        Assert.Equal("5759e988bd862e3fe1be46a994272793", xray.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", xray.SpanId.ToHexString());
        Assert.Equal(System.Diagnostics.ActivityTraceFlags.Recorded, xray.TraceFlags);
        var unsampled = TraceHeaders.Parse("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0")!.Value;
        Assert.Equal(System.Diagnostics.ActivityTraceFlags.None, unsampled.TraceFlags);
        var w3c = TraceHeaders.Parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")!.Value;
        Assert.Equal("b7ad6b7169203331", w3c.SpanId.ToHexString());
        Assert.Null(TraceHeaders.Parse("Root=nonsense"));
        Assert.Null(TraceHeaders.Parse(null));
    }
}
