namespace Quickstep.Aws.Signing;

/// <summary>The outcome of <see cref="SigV4Verifier.Verify"/>: the status, AWS's message for a failure, and what the credential scope named.</summary>
public readonly record struct SigV4Result(SigV4Status Status, string Message, string? AccessKeyId = null, string? Region = null, string? Service = null)
{
    public bool IsValid => Status == SigV4Status.Valid;
}
