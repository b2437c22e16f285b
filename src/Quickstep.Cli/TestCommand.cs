using System.CommandLine;
using System.Text;
using Quickstep.Integrations.Testing;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep test [PATH…] [--junit FILE] [--coverage] [--parallel N]`: runs workflow test files (docs/testing.md) on
/// the fast clock and prints a report; exit 0 when every test passed, 1 when one failed, 2 when a file is unusable.
/// </summary>
internal static class TestCommand
{
    public const string Usage = "usage: quickstep test [PATH...] [--junit FILE] [--coverage] [--parallel N]";

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Test files, or directories searched for *.test.json (default: the current directory).", Arity = ArgumentArity.ZeroOrMore };
        var junit = CliOptions.File("--junit", "Also write the results as JUnit XML to FILE.");
        var coverage = new Option<bool>("--coverage") { Description = "Report which states, Choice branches and Catchers the tests reached, per definition." };
        var parallel = CliOptions.Integer("--parallel", "N", 1, 256, "Tests run at once (default: the number of processors).");
        var command = new Command("test", "Run workflow tests: a definition, mocks, an input and expectations per test.") { paths, junit, coverage, parallel };
        command.SetAction((r, ct) => ExecuteAsync(
            r.GetValue(paths) is { Length: > 0 } p ? p : ["."],
            r.GetValue(junit),
            r.GetValue(coverage),
            r.GetValue(parallel) ?? Environment.ProcessorCount,
            r.InvocationConfiguration.Output,
            r.InvocationConfiguration.Error,
            ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> paths, string? junit, bool coverage, int parallelism, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var files = new List<WorkflowTestFile>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                foreach (var file in WorkflowTestLoader.Find(path))
                {
                    try
                    {
                        files.Add(WorkflowTestLoader.Load(file));
                    }
                    catch (WorkflowTestException e)
                    {
                        problems.Add(e.Message);
                    }
                }
            }
            catch (WorkflowTestException e)
            {
                problems.Add(e.Message);
            }
        }

        if (problems.Count > 0)
        {
            foreach (var p in problems)
                await stderr.WriteLineAsync($"quickstep test: {p}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        if (files.Count == 0)
        {
            await stderr.WriteLineAsync($"quickstep test: no *.test.json files in {string.Join(", ", paths)}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        // A progress line only on a terminal: logs and CI output get the report alone.
        var progress = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        var total = files.Sum(f => f.Tests.Count);
        var done = 0;
        var gate = new Lock();
        var results = await WorkflowTestRunner.RunAsync(files, parallelism, progress ? r =>
        {
            lock (gate)
            {
                done++;
                stdout.Write($"\r{done}/{total} {(r.Passed ? "passed" : "FAILED")}: {r.Name}".PadRight(Math.Min(Console.WindowWidth - 1, 100))[..Math.Min(Console.WindowWidth - 1, 100)]);
            }
        }
        : null, cancellationToken).ConfigureAwait(false);
        if (progress)
            stdout.Write("\r" + new string(' ', Math.Min(Console.WindowWidth - 1, 100)) + "\r");

        await stdout.WriteAsync(Report(results)).ConfigureAwait(false);
        if (coverage)
            await stdout.WriteAsync(CoverageReport(WorkflowCoverage.Compute(results))).ConfigureAwait(false);
        if (junit is not null)
        {
            try
            {
                var xml = JUnitReport.Build(results);
                var settings = new System.Xml.XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
                await using var stream = File.Create(junit);
                await using var writer = System.Xml.XmlWriter.Create(stream, settings);
                await xml.SaveAsync(writer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"quickstep test: cannot write {junit}: {e.Message}").ConfigureAwait(false);
                return CommandLine.ExitUsage;
            }
        }

        return results.All(r => r.Passed) ? CommandLine.ExitOk : CommandLine.ExitFailed;
    }

    /// <summary>One line per test (✓/✗ file › name), each failure's reasons under it, then the count.</summary>
    public static string Report(IReadOnlyList<WorkflowTestResult> results)
    {
        var b = new StringBuilder();
        foreach (var r in results)
        {
            b.Append(r.Passed ? "PASS " : "FAIL ").Append(r.File.Path).Append(" > ").Append(r.Name)
                .Append(" (").Append(r.Duration.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).Append(" ms)").Append('\n');
            foreach (var f in r.Failures)
                b.Append("     ").Append(f).Append('\n');
        }

        var failed = results.Count(r => !r.Passed);
        b.Append('\n').Append(results.Count - failed).Append(" passed, ").Append(failed).Append(" failed").Append('\n');
        return b.ToString();
    }

    public static string CoverageReport(IReadOnlyList<WorkflowCoverage> coverage)
    {
        var b = new StringBuilder();
        foreach (var c in coverage)
        {
            b.Append('\n').Append("coverage of ").Append(c.Definition).Append('\n');
            Section(b, "states", c.States);
            Section(b, "Choice branches", c.Branches);
            Section(b, "Catchers", c.Catchers);
        }

        return b.ToString();
    }

    private static void Section(StringBuilder b, string title, IReadOnlyList<KeyValuePair<string, bool>> items)
    {
        b.Append("  ").Append(title).Append(": ").Append(items.Count(i => i.Value)).Append('/').Append(items.Count).Append(" reached").Append('\n');
        foreach (var (label, reached) in items)
        {
            if (!reached)
                b.Append("    not reached: ").Append(label).Append('\n');
        }
    }
}
