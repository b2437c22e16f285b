namespace Quickstep.Cli.Tests.Commands;

/// <summary>`quickstep usage`: the report needs a database the server made.</summary>
public sealed class UsageCommandTests
{
    [Fact]
    public async Task MissingDatabase_SaysHowToMakeOneExit2()
    {
        var db = Path.Combine(Path.GetTempPath(), "quickstep-no-such-dir", "q.db");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("usage", "--db", db);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"no database at {db}", stderr, StringComparison.Ordinal);
    }
}
