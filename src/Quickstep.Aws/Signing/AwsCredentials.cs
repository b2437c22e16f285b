namespace Quickstep.Aws.Signing;

/// <summary>An access key pair, with the session token of temporary credentials when there is one.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Leaves the secret out, so that logging a configuration never prints it.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
