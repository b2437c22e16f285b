using System.Globalization;
using System.Xml.Linq;

namespace Quickstep.Integrations.Testing;

/// <summary>JUnit XML as CI systems read it: testsuites / testsuite (one per test file) / testcase, with a failure per failed test.</summary>
public static class JUnitReport
{
    public static XDocument Build(IReadOnlyList<WorkflowTestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var suites = new XElement("testsuites",
            new XAttribute("name", "quickstep test"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(results.Sum(r => r.Duration.TotalSeconds))));
        var id = 0;
        foreach (var group in results.GroupBy(r => r.File.Path))
        {
            var list = group.ToList();
            var suite = new XElement("testsuite",
                new XAttribute("name", group.Key),
                new XAttribute("id", id++),
                new XAttribute("tests", list.Count),
                new XAttribute("failures", list.Count(r => !r.Passed)),
                new XAttribute("errors", 0),
                new XAttribute("skipped", 0),
                new XAttribute("time", Seconds(list.Sum(r => r.Duration.TotalSeconds))));
            foreach (var r in list)
            {
                var testcase = new XElement("testcase",
                    new XAttribute("name", r.Name),
                    new XAttribute("classname", r.File.StateMachineName),
                    new XAttribute("time", Seconds(r.Duration.TotalSeconds)));
                if (!r.Passed)
                    testcase.Add(new XElement("failure", new XAttribute("message", r.Failures[0]), new XAttribute("type", "AssertionError"), string.Join('\n', r.Failures)));
                suite.Add(testcase);
            }

            suites.Add(suite);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    private static string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);
}
