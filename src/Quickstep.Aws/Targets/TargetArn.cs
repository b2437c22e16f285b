namespace Quickstep.Aws.Targets;

/// <summary>The parts of <c>arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE</c> a target delivery needs.</summary>
internal readonly record struct TargetArn(string Service, string Region, string Account, string Resource)
{
    public static TargetArn Parse(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn" || parts[2].Length == 0 || parts[5].Length == 0)
            throw new AwsServiceException("ValidationException", $"Target '{arn}' is not a valid ARN.");
        return new TargetArn(parts[2], parts[3], parts[4], parts[5]);
    }
}
