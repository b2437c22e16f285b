using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Quickstep.WebConsole;

/// <summary>The page's files, read once from the assembly's embedded resources (named <c>console/…</c>), with their content type and ETag.</summary>
internal static class ConsoleAssets
{
    private static readonly FrozenDictionary<string, ConsoleAsset> Files = Load();

    /// <summary>The file at <paramref name="relativePath"/> (e.g. <c>app.js</c>, <c>vendor/elk.bundled.js</c>), or null.</summary>
    public static ConsoleAsset? Find(string relativePath) => Files.GetValueOrDefault(relativePath);

    private static FrozenDictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("console/", StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var path = name["console/".Length..].Replace('\\', '/');
            files[path] = new ConsoleAsset(bytes, ContentType(path), "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json",
        _ => "text/plain; charset=utf-8",
    };
}
