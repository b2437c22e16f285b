using System.CommandLine;

namespace Quickstep.Tools;

/// <summary>`dotnet run --project tools/Quickstep.Tools -- crosscheck DIR | jsonata-report FILE` (tools/README.md).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "Results made by tools/conformance/crosscheck_generate.py." };
        var crosscheck = new Command("crosscheck", "Compare the results in DIR with their cases using the C# comparer; write DIR/csharp-diffs.json.") { dir };
        crosscheck.SetAction(r => CrossCheck.Run(r.GetRequiredValue(dir).FullName, r.InvocationConfiguration.Output));

        var file = new Argument<FileInfo>("FILE") { Description = "Where to write the report." };
        var report = new Command("jsonata-report", "Run every JSONata suite case, excluded ones too, and write the pass rate and each failure to FILE.") { file };
        report.SetAction(r => JsonataReport.Run(r.GetRequiredValue(file).FullName, r.InvocationConfiguration.Output));

        return new RootCommand("Quickstep maintainers' tools.") { crosscheck, report }.Parse(args).InvokeAsync();
    }
}
