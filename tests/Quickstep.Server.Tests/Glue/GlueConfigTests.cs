using System.Text;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Tests.Glue;

/// <summary>The <c>glue</c> section of the configuration file.</summary>
public sealed class GlueConfigTests
{
    [Fact]
    public void Load_ScriptRoots_AreRelativeToTheFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-gluecfg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "q.json");
            File.WriteAllText(file, """{"glue": {"scriptRoots": ["jobs", "/srv/etl"]}}""");
            Assert.Equal([Path.Combine(dir, "jobs"), "/srv/etl"], QuickstepConfigLoader.Load(file).Glue.ScriptRoots);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Parse_BadGlueSection_ReportsEveryProblem()
    {
        var e = Assert.Throws<QuickstepConfigException>(() => QuickstepConfigLoader.Parse(
            Encoding.UTF8.GetBytes("""{"glue": {"scriptRoots": ["", 3], "python": "python3"}}"""), "q.json"));
        Assert.Contains("/glue/python: unknown member 'python'; expected one of: scriptRoots", e.Message, StringComparison.Ordinal);
        Assert.Contains("/glue/scriptRoots/0: must be a directory, not an empty string", e.Message, StringComparison.Ordinal);
        Assert.Contains("/glue/scriptRoots/1: must be a string, not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoGlueSection_AllowsNoLocalScripts()
    {
        Assert.Empty(QuickstepConfigLoader.Parse("{}"u8, "q.json").Glue.ScriptRoots);
    }
}
