using System.Diagnostics.Metrics;

namespace Quickstep.Engine.Telemetry;

/// <summary>Records CloudWatch's execution metrics per state machine; each instrument costs one flag check while nobody listens.</summary>
internal static class ExecutionMetrics
{
    public static void Started(StateMachine machine)
    {
        if (QuickstepTelemetry.ExecutionsStarted.Enabled)
            QuickstepTelemetry.ExecutionsStarted.Add(1, new KeyValuePair<string, object?>(QuickstepTelemetry.StateMachineArnTag, machine.Arn));
    }

    public static void Finished(StateMachine machine, ExecutionResult result)
    {
        var counter = result.Status switch
        {
            ExecutionStatus.Succeeded => QuickstepTelemetry.ExecutionsSucceeded,
            ExecutionStatus.Failed => QuickstepTelemetry.ExecutionsFailed,
            ExecutionStatus.Aborted => QuickstepTelemetry.ExecutionsAborted,
            _ => QuickstepTelemetry.ExecutionsTimedOut,
        };
        var tag = new KeyValuePair<string, object?>(QuickstepTelemetry.StateMachineArnTag, machine.Arn);
        if (counter.Enabled)
            counter.Add(1, tag);
        if (QuickstepTelemetry.ExecutionTime.Enabled)
            QuickstepTelemetry.ExecutionTime.Record((result.StopDate - result.StartDate).TotalMilliseconds, tag);
    }
}
