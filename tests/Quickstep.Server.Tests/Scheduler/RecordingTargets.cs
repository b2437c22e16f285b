using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Json;

namespace Quickstep.Server.Tests.Scheduler;

/// <summary>A target invoker that records each delivery with the fake clock's time; ARNs in <see cref="Failing"/> refuse.</summary>
internal sealed class RecordingTargets(TimeProvider clock) : ITargetInvoker
{
    private readonly List<(TargetRequest Request, DateTimeOffset At)> _calls = [];

    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public int Attempts { get; private set; }

    public IReadOnlyList<(TargetRequest Request, DateTimeOffset At)> Delivered
    {
        get
        {
            lock (_calls)
                return [.. _calls];
        }
    }

    public ValueTask<JValue> InvokeAsync(TargetRequest request, CancellationToken cancellationToken = default)
    {
        lock (_calls)
        {
            Attempts++;
            if (Failing.Contains(request.Arn))
                throw new AwsServiceException("ThrottlingException", "target refuses", 429);
            _calls.Add((request, clock.GetUtcNow()));
        }

        return ValueTask.FromResult<JValue>(JObject.Empty);
    }
}
