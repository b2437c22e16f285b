using Microsoft.Extensions.Logging;
using Quickstep.Engine;
using Quickstep.Json;
using Quickstep.Server.Hosting;
using Quickstep.Services.Events;
using Quickstep.Services.S3;
using Quickstep.Storage;

namespace Quickstep.Server.Services;

/// <summary>
/// Quickstep's own resources send events to the default bus as AWS services do: "Step Functions Execution Status
/// Change" (https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html) and S3 "Object
/// Created"/"Object Deleted" for buckets with EventBridge notifications on (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html).
/// Nothing is built or stored while no rule on the default bus is enabled.
/// </summary>
internal static partial class ResourceEventsWiring
{
    public static void Attach(EventBridgeService eventBridge, ExecutionService executions, S3Service s3, QuickstepServerOptions options, ILogger logger)
    {
        executions.StatusChanged = execution =>
        {
            if (!eventBridge.HasListeners())
                return;
            // Not awaited: the execution does not wait for its event; the bus's single writer keeps RUNNING before the end.
            _ = eventBridge.PutServiceEventAsync("aws.states", "Step Functions Execution Status Change", ExecutionDetail(execution), [execution.Arn])
                .ContinueWith(t => EventFailed(logger, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        };
        s3.ObjectChanged = (change, ct) => eventBridge.HasListeners()
            ? eventBridge.PutServiceEventAsync("aws.s3", change.Deleted ? "Object Deleted" : "Object Created", ObjectDetail(change, options.AccountId), [$"arn:aws:s3:::{change.Bucket}"], ct)
            : Task.CompletedTask;
    }

    internal static JObject ExecutionDetail(ExecutionRecord e)
    {
        var done = e.Status != ExecutionStatus.Running;
        return new JObjectBuilder(12)
            .AddUnique("executionArn", JValue.FromString(e.Arn))
            .AddUnique("stateMachineArn", JValue.FromString(e.StateMachineArn))
            .AddUnique("name", JValue.FromString(e.Name))
            .AddUnique("status", JValue.FromString(e.Status.ToApiName()))
            .AddUnique("startDate", JValue.FromNumber(e.StartDate.ToUnixTimeMilliseconds()))
            .AddUnique("stopDate", done && e.StopDate is { } stop ? JValue.FromNumber(stop.ToUnixTimeMilliseconds()) : JValue.Null)
            .AddUnique("input", JValue.FromString(e.Input))
            .AddUnique("output", e.Output is { } output ? JValue.FromString(output) : JValue.Null)
            .AddUnique("inputDetails", Included())
            .AddUnique("outputDetails", e.Output is null ? JValue.Null : Included())
            .AddUnique("error", e.Error is { } error ? JValue.FromString(error) : JValue.Null)
            .AddUnique("cause", e.Cause is { } cause ? JValue.FromString(cause) : JValue.Null)
            .Build();
    }

    private static JObject Included() => new JObjectBuilder(1).AddUnique("included", JValue.True).Build();

    internal static JObject ObjectDetail(S3ObjectChange change, string account)
    {
        var obj = new JObjectBuilder(4).AddUnique("key", JValue.FromString(change.Key));
        if (!change.Deleted)
        {
            obj.AddUnique("size", JValue.FromNumber(change.Size));
            obj.AddUnique("etag", JValue.FromString(change.ETag ?? ""));
        }

        obj.AddUnique("sequencer", JValue.FromString(change.Sequencer));
        var detail = new JObjectBuilder(8)
            .AddUnique("version", JValue.FromString("0"))
            .AddUnique("bucket", new JObjectBuilder(1).AddUnique("name", JValue.FromString(change.Bucket)).Build())
            .AddUnique("object", obj.Build())
            .AddUnique("request-id", JValue.FromString(change.Sequencer))
            .AddUnique("requester", JValue.FromString(account))
            .AddUnique("source-ip-address", JValue.FromString("127.0.0.1"))
            .AddUnique("reason", JValue.FromString(change.Reason));
        if (change.Deleted)
            detail.AddUnique("deletion-type", JValue.FromString("Permanently Deleted"));
        return detail.Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EventBridge: a resource event could not be stored")]
    private static partial void EventFailed(ILogger logger, Exception e);
}
