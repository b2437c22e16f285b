namespace Quickstep.Server.Tests;

/// <summary>Paths in the repository (found from the test binaries by walking up to Quickstep.slnx).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string SdkDirectory => Path.Combine(Root, "tests", "Quickstep.Server.Tests", "sdk");

    /// <summary>quickstep.dll, copied beside the tests by the project reference.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "quickstep.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quickstep.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Quickstep.slnx not found above " + AppContext.BaseDirectory);
    }
}
