using Quickstep.Integrations.Functions;

namespace Quickstep.Integrations.AwsSdk;

/// <summary>Settings of <see cref="AwsServiceResourceHandler"/>.</summary>
public sealed class AwsServiceResourceHandlerOptions
{
    /// <summary>Request ids in results and error causes. Default a random UUID each.</summary>
    public IRequestIdSource? RequestIds { get; init; }

    /// <summary>Clock for the <c>Date</c> the optimized integrations report. Default the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
