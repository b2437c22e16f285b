namespace Quickstep.Integrations.Tests.Functions.Runtime;

/// <summary>The unchanged Lambda handler files the tests run (tests/Quickstep.Server.Tests/Lambda/data).</summary>
internal static class HandlerFiles
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quickstep.slnx")))
                return Path.Combine(dir.FullName, "tests", "Quickstep.Server.Tests", "Lambda", "data");
        }

        throw new InvalidOperationException("Quickstep.slnx not found above " + AppContext.BaseDirectory);
    }
}
