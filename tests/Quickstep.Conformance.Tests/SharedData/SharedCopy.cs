using Quickstep.Conformance.Tests.Running;

namespace Quickstep.Conformance.Tests.SharedData;

/// <summary>tests/data/MANIFEST: the paths copied from ../shared into tests/data, and where both are.</summary>
internal static class SharedCopy
{
    /// <summary>../shared beside the repository, or null when this clone stands alone.</summary>
    public static string? SharedDir
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(CaseLibrary.RepoRoot, "..", "shared"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    public static string DataDir => CaseLibrary.DataDir;

    /// <summary>The manifest's entries (files or folders), relative to ../shared and to tests/data.</summary>
    public static IReadOnlyList<string> Entries() =>
        [.. File.ReadAllLines(Path.Combine(DataDir, "MANIFEST"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>Every file of one entry below <paramref name="root"/>, relative to root with '/' separators, sorted.</summary>
    public static SortedSet<string> Files(string root, string entry)
    {
        var path = Path.Combine(root, entry);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            files.Add(entry);
        }
        else if (Directory.Exists(path))
        {
            foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                files.Add(Path.GetRelativePath(root, f).Replace('\\', '/'));
        }

        return files;
    }
}
