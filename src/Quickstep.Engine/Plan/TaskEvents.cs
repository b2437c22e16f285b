using Quickstep.Engine.History;

namespace Quickstep.Engine.Plan;

/// <summary>The history events of a Task call, as AWS records them for Lambda functions and for integrations.</summary>
internal static class TaskEvents
{
    public static void Scheduled(Execution x, Frame frame, ResourceKind kind, JValue parameters, int timeoutSeconds, int? heartbeatSeconds)
    {
        if (!x.Recording)
        {
            x.Emit(frame, string.Empty);
            return;
        }

        JObject? tail = null;
        if (timeoutSeconds < 99999999 || heartbeatSeconds is not null)
        {
            var t = new JObjectBuilder(2);
            if (timeoutSeconds < 99999999)
                t.AddUnique("timeoutInSeconds", JValue.FromNumber(timeoutSeconds));
            if (heartbeatSeconds is int hb && !kind.IsLambdaFunction)
                t.AddUnique("heartbeatInSeconds", JValue.FromNumber(hb));
            tail = t.Build();
        }

        x.Emit(frame, kind.IsLambdaFunction ? "LambdaFunctionScheduled" : "TaskScheduled", kind.IsLambdaFunction ? "lambdaFunctionScheduledEventDetails" : "taskScheduledEventDetails", kind.Scheduled(x.Engine.Options.Region, tail), parameters);
    }

    public static void Started(Execution x, Frame frame, ResourceKind kind, string resource, int retryCount)
    {
        if (x.Span is not null)
            Telemetry.ExecutionTracing.StartTask(x, frame, resource, retryCount);
        if (!x.Recording)
        {
            x.Emit(frame, string.Empty);
            return;
        }

        if (kind.IsLambdaFunction)
            x.Emit(frame, "LambdaFunctionStarted");
        else
            x.Emit(frame, "TaskStarted", "taskStartedEventDetails", kind.Head);
    }

    public static void Succeeded(Execution x, Frame frame, ResourceKind kind, JValue output)
    {
        if (x.Span is not null)
            Telemetry.ExecutionTracing.EndTask(x, frame, null);
        if (!x.Recording)
        {
            x.Emit(frame, string.Empty);
            return;
        }

        x.Emit(frame, kind.IsLambdaFunction ? "LambdaFunctionSucceeded" : "TaskSucceeded", kind.IsLambdaFunction ? "lambdaFunctionSucceededEventDetails" : "taskSucceededEventDetails", kind.Succeeded, output);
    }

    public static void Failed(Execution x, Frame frame, ResourceKind kind, StatesError error) =>
        Error(x, frame, kind, error, kind.IsLambdaFunction ? "LambdaFunctionFailed" : "TaskFailed", kind.IsLambdaFunction ? "lambdaFunctionFailedEventDetails" : "taskFailedEventDetails");

    public static void TimedOut(Execution x, Frame frame, ResourceKind kind, StatesError error) =>
        Error(x, frame, kind, error, kind.IsLambdaFunction ? "LambdaFunctionTimedOut" : "TaskTimedOut", kind.IsLambdaFunction ? "lambdaFunctionTimedOutEventDetails" : "taskTimedOutEventDetails");

    private static void Error(Execution x, Frame frame, ResourceKind kind, StatesError error, string type, string detailsName)
    {
        if (x.Span is not null)
            Telemetry.ExecutionTracing.EndTask(x, frame, error);
        if (!x.Recording)
        {
            x.Emit(frame, string.Empty);
            return;
        }

        var d = new JObjectBuilder(4);
        if (!kind.IsLambdaFunction)
            d.AddUnique("resourceType", JValue.FromString(kind.ResourceType)).AddUnique("resource", JValue.FromString(kind.ResourceName));
        d.AddUnique("error", JValue.FromString(error.Error));
        if (error.Cause is not null)
            d.AddUnique("cause", JValue.FromString(error.Cause));
        x.Emit(frame, type, detailsName, d.Build());
    }
}
