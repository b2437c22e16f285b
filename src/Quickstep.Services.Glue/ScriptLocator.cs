namespace Quickstep.Services.Glue;

/// <summary>Where a job's ScriptLocation points: an <c>s3://bucket/key</c> object, or a local file under one of the allowed roots.</summary>
internal static class ScriptLocator
{
    /// <summary>The bucket and key of an <c>s3://</c> location, or null for a local path.</summary>
    public static (string Bucket, string Key)? S3(string location)
    {
        if (!location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            return null;
        var rest = location[5..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == rest.Length - 1 ? (rest, string.Empty) : (rest[..slash], rest[(slash + 1)..]);
    }

    /// <summary>Why the location cannot be used, or null when it can.</summary>
    public static string? Check(string location, IReadOnlyList<string> roots)
    {
        if (S3(location) is { } s3)
            return s3.Key.Length == 0 ? $"ScriptLocation '{location}' must name an object: s3://bucket/key." : null;
        if (location.Contains("://", StringComparison.Ordinal))
            return $"ScriptLocation '{location}' must be an s3://bucket/key object or a local path.";
        return Local(location, roots) is null
            ? roots.Count == 0
                ? $"ScriptLocation '{location}' is a local path, but no local script roots are configured (\"glue\": {{\"scriptRoots\": [...]}} in the configuration file)."
                : $"ScriptLocation '{location}' is not under any of the configured glue.scriptRoots ({string.Join(", ", roots)})."
            : null;
    }

    /// <summary>The full path of a local location (relative to the first root when not absolute) when it is under a root.</summary>
    public static string? Local(string location, IReadOnlyList<string> roots)
    {
        if (roots.Count == 0)
            return null;
        string full;
        try
        {
            full = Path.GetFullPath(Path.IsPathRooted(location) ? location : Path.Combine(roots[0], location));
        }
        catch (ArgumentException)
        {
            return null;
        }

        foreach (var root in roots)
        {
            var r = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
            if (full.StartsWith(r, StringComparison.Ordinal))
                return full;
        }

        return null;
    }
}
