using System.Diagnostics.CodeAnalysis;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// A function named the ways Lambda accepts: <c>name</c>, <c>name:qualifier</c>, the partial ARN
/// <c>account:function:name[:qualifier]</c> or the full ARN
/// <c>arn:partition:lambda:region:account:function:name[:qualifier]</c> (Lambda Invoke API, FunctionName).
/// </summary>
internal sealed class LambdaFunctionReference
{
    private LambdaFunctionReference(string name, string? qualifier, string? partition, string? region, string? account)
    {
        Name = name;
        Qualifier = qualifier;
        Partition = partition;
        Region = region;
        Account = account;
        if (region is not null && account is not null)
        {
            UnqualifiedArn = BuildArn(partition ?? "aws", region, account, name);
            QualifiedArn = qualifier is null ? null : UnqualifiedArn + ":" + qualifier;
        }
    }

    public string Name { get; }

    public string? Qualifier { get; }

    public string? Partition { get; }

    public string? Region { get; }

    public string? Account { get; }

    /// <summary>The ARN without qualifier, when the reference names region and account.</summary>
    public string? UnqualifiedArn { get; }

    /// <summary>The ARN with its qualifier, when it has one and names region and account.</summary>
    public string? QualifiedArn { get; }

    public static string BuildArn(string partition, string region, string account, string name) =>
        $"arn:{partition}:lambda:{region}:{account}:function:{name}";

    /// <summary>Parses a full function ARN only (a Task's Resource, a registry key).</summary>
    public static bool TryParseArn(string text, [NotNullWhen(true)] out LambdaFunctionReference? reference)
    {
        reference = null;
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
            return false;
        var parts = text.Split(':');
        if (parts.Length is not (7 or 8) || parts[2] != "lambda" || parts[5] != "function"
            || parts[1].Length == 0 || !IsRegion(parts[3]) || !IsAccount(parts[4]) || !IsName(parts[6]))
            return false;
        string? qualifier = null;
        if (parts.Length == 8)
        {
            if (!IsQualifier(parts[7]))
                return false;
            qualifier = parts[7];
        }

        reference = new LambdaFunctionReference(parts[6], qualifier, parts[1], parts[3], parts[4]);
        return true;
    }

    /// <summary>Parses any form Lambda's Invoke accepts as FunctionName.</summary>
    public static bool TryParseFunctionName(string text, [NotNullWhen(true)] out LambdaFunctionReference? reference)
    {
        if (TryParseArn(text, out reference))
            return true;
        reference = null;
        var parts = text.Split(':');
        switch (parts.Length)
        {
            case 1 when IsName(parts[0]):
                reference = new LambdaFunctionReference(parts[0], null, null, null, null);
                return true;
            case 2 when IsName(parts[0]) && IsQualifier(parts[1]):
                reference = new LambdaFunctionReference(parts[0], parts[1], null, null, null);
                return true;
            case 3 or 4 when IsAccount(parts[0]) && parts[1] == "function" && IsName(parts[2])
                && (parts.Length == 3 || IsQualifier(parts[3])):
                reference = new LambdaFunctionReference(parts[2], parts.Length == 4 ? parts[3] : null, null, null, parts[0]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A bare function name as Lambda allows it (1–64 of letters, digits, '-' and '_').</summary>
    public static bool IsName(string text) => IsWord(text, 64);

    /// <summary>A version or alias (1–128 of the same characters), or <c>$LATEST</c>.</summary>
    private static bool IsQualifier(string text) => text == "$LATEST" || IsWord(text, 128);

    /// <summary>1 to <paramref name="maxLength"/> of letters, digits, '-' and '_'.</summary>
    private static bool IsWord(string text, int maxLength)
    {
        if (text.Length == 0 || text.Length > maxLength)
            return false;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return false;
        }

        return true;
    }

    private static bool IsAccount(string text)
    {
        if (text.Length != 12)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return true;
    }

    private static bool IsRegion(string text)
    {
        if (text.Length == 0)
            return false;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                return false;
        }

        return true;
    }
}
