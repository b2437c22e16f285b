namespace Quickstep.Jsonata;

/// <summary>The system clock and randomness, when the caller injects no <see cref="IJsonataServices"/>.</summary>
internal sealed class SystemServices : IJsonataServices
{
    public static SystemServices Instance { get; } = new();

    public DateTimeOffset UtcNow => TimeProvider.System.GetUtcNow();

    public double NextDouble() => Random.Shared.NextDouble();

    public Guid NewGuid() => Guid.NewGuid();
}
