namespace Quickstep.Aws;

/// <summary>What the settings of every local AWS service start with: the region and account in its ARNs, and its clock.</summary>
public abstract class AwsServiceOptions
{
    /// <summary>Region in ARNs (and wherever the service's answers name one); default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account in ARNs (and queue URLs, event envelopes); default <c>123456789012</c>.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The service's clock (timestamps, timeouts, delays); default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
