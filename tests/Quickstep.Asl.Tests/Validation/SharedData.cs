namespace Quickstep.Asl.Tests.Validation;

/// <summary>Finds ../shared next to the repository (the directory holding Quickstep.slnx).</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindShared);

    public static string Directory => Root.Value;

    private static string FindShared()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Quickstep.slnx")))
            dir = dir.Parent;
        if (dir?.Parent is null)
            throw new InvalidOperationException("Quickstep.slnx not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir.Parent.FullName, "shared");
    }
}
