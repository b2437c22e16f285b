namespace Quickstep.Asl.Tests.Jsonata;

/// <summary>Prints the suite's pass rate by group (run with the filter "SuiteReport" and QUICKSTEP_JSONATA_REPORT=1).</summary>
public sealed class SuiteReportTests
{
    [Fact]
    public void Report_WritesFailuresToFile()
    {
        var target = Environment.GetEnvironmentVariable("QUICKSTEP_JSONATA_REPORT");
        if (string.IsNullOrEmpty(target))
            return;
        var lines = new List<string>();
        int pass = 0, total = 0;
        foreach (var id in JsonataSuite.CaseIds())
        {
            total++;
            bool ok;
            string message;
            try
            {
                (ok, message) = JsonataSuiteRunner.Run(id);
            }
#pragma warning disable CA1031 // A report records every failure, whatever it is.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ok = false;
                message = "CRASH " + e.GetType().Name + ": " + e.Message;
            }

            if (ok)
                pass++;
            else
                lines.Add(id + "\t" + message.Replace('\n', ' '));
        }

        lines.Insert(0, $"PASS {pass}/{total}");
        File.WriteAllLines(target, lines);
    }
}
