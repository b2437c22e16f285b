namespace Quickstep.Server.Metering;

/// <summary>A duration price tier: up to <see cref="UpToGbHours"/> GB-hours (null = no limit) at a price per GB-hour.</summary>
public sealed record PriceTier(double? UpToGbHours, decimal PricePerGbHour);
