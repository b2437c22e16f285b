using Quickstep.Aws;
using Quickstep.Aws.Targets;

namespace Quickstep.Services.Pipes;

/// <summary>Settings of the local EventBridge Pipes.</summary>
public sealed class PipesOptions : AwsServiceOptions
{
    /// <summary>Delivers to enrichments and targets (required).</summary>
    public ITargetInvoker? Targets { get; init; }

    /// <summary>The SQS service the pollers receive from and delete in (required).</summary>
    public IAwsService? Sqs { get; init; }

    /// <summary>Concurrent long-polls per running pipe (async loops, no thread each); default 8.</summary>
    public int PollersPerPipe { get; init; } = 8;

    /// <summary>Called when a poll or a batch fails unexpectedly; default none.</summary>
    public Action<string, Exception>? OnError { get; init; }
}
