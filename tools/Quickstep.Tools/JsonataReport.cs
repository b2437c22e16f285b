using Quickstep.Jsonata.Tests;

namespace Quickstep.Tools;

/// <summary>The JSONata suite's pass rate with every case run, excluded ones too: "PASS n/total", then one line per failure.</summary>
internal static class JsonataReport
{
    public static int Run(string target, TextWriter stdout)
    {
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
        stdout.WriteLine($"{lines[0]} (failures in {target})");
        return 0;
    }
}
