namespace Quickstep.Conformance.Tests.SharedData;

/// <summary>tests/data is the repository's copy of what the tests read from ../shared (scripts/refresh-shared-data.sh).</summary>
public sealed class SharedCopyTests
{
    private const int Shown = 20;

    [Fact]
    public void Manifest_EveryEntryIsInTheRepository()
    {
        var entries = SharedCopy.Entries();
        Assert.NotEmpty(entries);
        var missing = entries.Where(e => SharedCopy.Files(SharedCopy.DataDir, e).Count == 0).ToList();
        Assert.True(missing.Count == 0, "tests/data lacks " + string.Join(", ", missing) + ": run scripts/refresh-shared-data.sh");
    }

    [SharedPresentFact]
    public void Copy_MatchesShared_FileForFile()
    {
        var shared = SharedCopy.SharedDir!;
        var problems = new List<string>();
        foreach (var entry in SharedCopy.Entries())
        {
            var ours = SharedCopy.Files(SharedCopy.DataDir, entry);
            var theirs = SharedCopy.Files(shared, entry);
            problems.AddRange(theirs.Except(ours).Select(f => $"tests/data/{f} is missing (it is in ../shared)"));
            problems.AddRange(ours.Except(theirs).Select(f => $"tests/data/{f} is not in ../shared"));
            foreach (var f in ours.Intersect(theirs))
            {
                if (!File.ReadAllBytes(Path.Combine(SharedCopy.DataDir, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(shared, f))))
                    problems.Add($"tests/data/{f} differs from ../shared/{f}");
            }
        }

        Assert.True(
            problems.Count == 0,
            $"{problems.Count} difference(s) between tests/data and ../shared; run scripts/refresh-shared-data.sh:\n"
                + string.Join("\n", problems.Take(Shown)) + (problems.Count > Shown ? "\n…" : ""));
    }
}
