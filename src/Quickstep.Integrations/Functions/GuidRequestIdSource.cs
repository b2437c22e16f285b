namespace Quickstep.Integrations.Functions;

/// <summary>The default request ids: a random UUID each, as AWS Lambda makes them.</summary>
public sealed class GuidRequestIdSource : IRequestIdSource
{
    private GuidRequestIdSource()
    {
    }

    public static GuidRequestIdSource Instance { get; } = new();

    public string NextRequestId() => Guid.NewGuid().ToString("D");
}
