using System.Globalization;

namespace Quickstep.Server.Api;

/// <summary>Builds and parses ARNs in AWS's formats for one region and account.</summary>
internal sealed class Arns
{
    public Arns(string region, string account)
    {
        Region = region;
        Account = account;
        Prefix = $"arn:aws:states:{region}:{account}:";
    }

    public string Region { get; }

    public string Account { get; }

    public string Prefix { get; }

    public string StateMachine(string name) => $"{Prefix}stateMachine:{name}";

    public static string Version(string stateMachineArn, int version) => $"{stateMachineArn}:{version.ToString(CultureInfo.InvariantCulture)}";

    public static string Alias(string stateMachineArn, string alias) => $"{stateMachineArn}:{alias}";

    public string ExpressExecution(string stateMachineName, string executionName, Guid id) => $"{Prefix}express:{stateMachineName}:{executionName}:{id}";

    public string DefaultRoleArn => $"arn:aws:iam::{Account}:role/quickstep";

    /// <summary>Parses <c>arn:partition:states:region:account:stateMachine:name[:version|:alias]</c>.</summary>
    public static StateMachineTarget ParseStateMachine(string arn, bool allowQualifier = true)
    {
        var parts = Split(arn);
        if (parts[5] != "stateMachine")
            ApiErrors.InvalidArn(arn, $"Resource type not valid in this context: {parts[5]}");
        if (parts.Length is < 7 or > 8 || parts[6].Length == 0)
            ApiErrors.InvalidArn(arn);
        if (parts[6].Contains('/', StringComparison.Ordinal))
            throw new ApiException("ValidationException", $"This API does not support labeled ARNs: '{arn}'");
        var smArn = string.Join(':', parts, 0, 7);
        if (parts.Length == 7)
            return new StateMachineTarget(smArn, parts[6], null, null);
        if (!allowQualifier)
            ApiErrors.InvalidArn(arn);
        var q = parts[7];
        if (q.Length > 0 && q.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
                ApiErrors.InvalidArn(arn);
            return new StateMachineTarget(smArn, parts[6], v, null);
        }

        if (!Names.IsValidAlias(q))
            ApiErrors.InvalidArn(arn);
        return new StateMachineTarget(smArn, parts[6], null, q);
    }

    /// <summary>Checks an execution ARN's form: <c>…:express:sm:name:uuid</c> (or a Standard <c>…:execution:sm:name</c>).</summary>
    public static void ValidateExecution(string arn)
    {
        var parts = Split(arn);
        var ok = parts[5] switch
        {
            "express" => parts.Length == 9 && parts[6].Length > 0 && parts[7].Length > 0 && parts[8].Length > 0,
            "execution" => parts.Length == 8 && parts[6].Length > 0 && parts[7].Length > 0,
            _ => false,
        };
        if (!ok)
            ApiErrors.InvalidArn(arn, parts[5] is "express" or "execution" ? null : $"Resource type not valid in this context: {parts[5]}");
    }

    /// <summary>Checks the general ARN form (for tagging): arn:partition:service:region:account:resource.</summary>
    public static string[] Split(string arn)
    {
        if (arn.Length is 0 or > 2000 || !arn.StartsWith("arn:", StringComparison.Ordinal))
            ApiErrors.InvalidArn(arn, $"Invalid ARN prefix: {arn}");
        var parts = arn.Split(':');
        if (parts.Length < 7 || parts[1].Length == 0 || parts[2] != "states")
            ApiErrors.InvalidArn(arn);
        return parts;
    }
}
