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

    [Theory]
    [InlineData("usage")]
    [InlineData("triggers")]
    public async Task StoreThatIsNotPostgres_IsRefusedExit2(string command)
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(command, "--store", "mysql://h/db");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"quickstep {command}: --store 'mysql://h/db' is not a PostgreSQL URL", stderr, StringComparison.Ordinal);
    }
}
