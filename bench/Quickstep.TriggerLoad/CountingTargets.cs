using Quickstep.Aws.Targets;
using Quickstep.Json;

namespace Quickstep.TriggerLoad;

/// <summary>A target that only counts: the schedules benchmark measures the scheduler, not a target.</summary>
internal sealed class CountingTargets : ITargetInvoker
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public ValueTask<JValue> InvokeAsync(TargetRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult<JValue>(JObject.Empty);
    }
}
