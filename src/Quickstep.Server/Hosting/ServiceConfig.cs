using Quickstep.Aws.Signing;

namespace Quickstep.Server.Hosting;

/// <summary>One service's settings: an endpoint to forward its Task calls to, the region to sign for, and the keys to sign with.</summary>
public sealed class ServiceConfig
{
    /// <summary>Forward Task calls of this service here instead of serving them locally; null: local.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Region of the credential scope. Default the server's region.</summary>
    public string? Region { get; init; }

    /// <summary>Keys to sign forwarded calls with. Default AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.</summary>
    public AwsCredentials? Credentials { get; init; }
}
