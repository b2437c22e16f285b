using Quickstep.Aws;

namespace Quickstep.Services.Events;

/// <summary>Where the local EventBridge lives (region and account also in event envelopes; the clock gives event times and bus dates).</summary>
public sealed class EventBridgeOptions : AwsServiceOptions
{
    /// <summary>Where connections (and their secrets) are kept; default none: in memory only.</summary>
    public Quickstep.Storage.IConnectionStore? ConnectionStore { get; init; }
}
