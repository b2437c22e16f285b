using System.Diagnostics;
using Quickstep.Engine.Telemetry;

namespace Quickstep.Cli;

/// <summary>`quickstep bench --trace`: a listener that samples and records every engine span, as an exporter would, and counts them.</summary>
internal static class BenchTracing
{
    public static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == QuickstepTelemetry.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
