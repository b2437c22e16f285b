namespace Quickstep.Integrations.Functions;

/// <summary>Settings of <see cref="LambdaResourceHandler"/>.</summary>
public sealed class LambdaResourceHandlerOptions
{
    /// <summary>Request ids for responses and error causes. Default: <see cref="GuidRequestIdSource.Instance"/>.</summary>
    public IRequestIdSource RequestIds { get; init; } = GuidRequestIdSource.Instance;

    /// <summary>The clock behind the response's <c>Date</c> header. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Region for bare function names when the execution ARN names none. Default: <c>us-east-1</c>.</summary>
    public string DefaultRegion { get; init; } = "us-east-1";

    /// <summary>Account for bare function names when the execution ARN names none. Default: <c>123456789012</c>.</summary>
    public string DefaultAccountId { get; init; } = "123456789012";

    /// <summary>Where <c>InvocationType: Event</c> invocations are queued (the server's durable queue). Default none: they run detached in this process.</summary>
    public ILambdaEventQueue? EventQueue { get; init; }
}
