using Quickstep.Asl.Errors;
using Quickstep.Asl.Json;
using Quickstep.Engine.Runtime;

namespace Quickstep.Engine.Plan;

/// <summary>The history events of a Task call, as AWS records them for Lambda functions and for integrations.</summary>
internal static class TaskEvents
{
    public static void Scheduled(Execution x, Frame frame, ResourceKind kind, string resource, JValue parameters, int timeoutSeconds, int? heartbeatSeconds)
    {
        if (!x.Recording)
        {
            x.Emit(frame, string.Empty);
            return;
        }

        if (kind.IsLambdaFunction)
        {
            var d = new JObjectBuilder(4)
                .AddUnique("resource", JValue.FromString(resource))
                .AddUnique("input", JValue.FromString(parameters.ToString()))
                .AddUnique("inputDetails", Truncated());
            if (timeoutSeconds < 99999999)
                d.AddUnique("timeoutInSeconds", JValue.FromNumber(timeoutSeconds));
            x.Emit(frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d.Build());
        }
        else
        {
            var d = new JObjectBuilder(5)
                .AddUnique("resourceType", JValue.FromString(kind.ResourceType))
                .AddUnique("resource", JValue.FromString(kind.ResourceName))
                .AddUnique("region", JValue.FromString(x.Engine.Options.Region))
                .AddUnique("parameters", JValue.FromString(parameters.ToString()));
            if (timeoutSeconds < 99999999)
                d.AddUnique("timeoutInSeconds", JValue.FromNumber(timeoutSeconds));
            if (heartbeatSeconds is int hb)
                d.AddUnique("heartbeatInSeconds", JValue.FromNumber(hb));
            x.Emit(frame, "TaskScheduled", "taskScheduledEventDetails", d.Build());
        }
    }

    public static void Started(Execution x, Frame frame, ResourceKind kind)
    {
        if (!x.Recording)
        {
            x.Emit(frame, string.Empty);
            return;
        }

        if (kind.IsLambdaFunction)
            x.Emit(frame, "LambdaFunctionStarted");
        else
            x.Emit(frame, "TaskStarted", "taskStartedEventDetails", Resource(kind).Build());
    }

    public static void Succeeded(Execution x, Frame frame, ResourceKind kind, JValue output)
    {
        if (!x.Recording)
        {
            x.Emit(frame, string.Empty);
            return;
        }

        var d = kind.IsLambdaFunction ? new JObjectBuilder(2) : Resource(kind);
        d.AddUnique("output", JValue.FromString(output.ToString())).AddUnique("outputDetails", Truncated());
        x.Emit(frame, kind.IsLambdaFunction ? "LambdaFunctionSucceeded" : "TaskSucceeded", kind.IsLambdaFunction ? "lambdaFunctionSucceededEventDetails" : "taskSucceededEventDetails", d.Build());
    }

    public static void Failed(Execution x, Frame frame, ResourceKind kind, StatesError error) =>
        Error(x, frame, kind, error, kind.IsLambdaFunction ? "LambdaFunctionFailed" : "TaskFailed", kind.IsLambdaFunction ? "lambdaFunctionFailedEventDetails" : "taskFailedEventDetails");

    public static void TimedOut(Execution x, Frame frame, ResourceKind kind, StatesError error) =>
        Error(x, frame, kind, error, kind.IsLambdaFunction ? "LambdaFunctionTimedOut" : "TaskTimedOut", kind.IsLambdaFunction ? "lambdaFunctionTimedOutEventDetails" : "taskTimedOutEventDetails");

    private static void Error(Execution x, Frame frame, ResourceKind kind, StatesError error, string type, string detailsName)
    {
        if (!x.Recording)
        {
            x.Emit(frame, string.Empty);
            return;
        }

        var d = kind.IsLambdaFunction ? new JObjectBuilder(2) : Resource(kind);
        d.AddUnique("error", JValue.FromString(error.Error));
        if (error.Cause is not null)
            d.AddUnique("cause", JValue.FromString(error.Cause));
        x.Emit(frame, type, detailsName, d.Build());
    }

    private static JObjectBuilder Resource(ResourceKind kind) => new JObjectBuilder(4)
        .AddUnique("resourceType", JValue.FromString(kind.ResourceType))
        .AddUnique("resource", JValue.FromString(kind.ResourceName));

    public static JObject Truncated() => TruncatedFalse;

    private static readonly JObject TruncatedFalse = new JObjectBuilder(1).AddUnique("truncated", JValue.False).Build();
}
