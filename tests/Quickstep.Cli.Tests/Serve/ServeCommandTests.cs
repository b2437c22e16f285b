using Quickstep.Cli.Tests.Commands;
using Quickstep.Server;

namespace Quickstep.Cli.Tests.Serve;

/// <summary>`quickstep serve` options as the server receives them (the server itself is not started here).</summary>
public sealed class ServeCommandTests
{
    private static QuickstepServerOptions Options(params string[] args)
    {
        var parse = CommandLine.Build().Parse(["serve", .. args]);
        Assert.Empty(parse.Errors);
        return ServeCommand.Options(ServeCommand.Bind(parse));
    }

    [Fact]
    public void Config_SetsTheServersConfigFile()
    {
        Assert.Equal("quickstep.config.json", Options("--config", "quickstep.config.json").ConfigFile);
        Assert.Null(Options().ConfigFile);
    }

    [Fact]
    public void NoOptions_AreTheServersDefaults()
    {
        var defaults = new QuickstepServerOptions();
        var o = Options();
        Assert.Equal((defaults.Host, defaults.Port, defaults.DatabasePath, defaults.Region, defaults.AccountId, defaults.Retention), (o.Host, o.Port, o.DatabasePath, o.Region, o.AccountId, o.Retention));
    }

    [Fact]
    public void EveryOption_ReachesTheServer()
    {
        var o = Options("--port", "0", "--host", "::1", "--db", "x.db", "--region", "eu-west-1", "--account", "111122223333", "--retention-days", "7");
        Assert.Equal(("::1", 0, "x.db", "eu-west-1", "111122223333", TimeSpan.FromDays(7)), (o.Host, o.Port, o.DatabasePath, o.Region, o.AccountId, o.Retention));
    }

    [Theory]
    [InlineData("--port", "70000", "--port must be a number from 0 to 65535, not '70000'")]
    [InlineData("--host", "example.com", "--host must be an IP address or localhost, not 'example.com'")]
    [InlineData("--account", "12", "--account must be 12 digits")]
    [InlineData("--retention-days", "0", "--retention-days must be a number from 1 to 36500, not '0'")]
    [InlineData("--config", null, "--config")]
    [InlineData("--credentials", "no-colon", "--credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY, not 'no-colon'")]
    public async Task BadValue_IsAUsageErrorExit2(string option, string? value, string message)
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(value is null ? ["serve", option] : ["serve", option, value]);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("quickstep serve: ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableFunctionsFile_IsAUsageErrorExit2()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("serve", "--functions", Path.Combine(Path.GetTempPath(), "quickstep-no-such-dir", "f.json"));
        Assert.Equal(2, exit);
        Assert.StartsWith("quickstep serve: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_RepeatableReachTheServer()
    {
        var o = Options("--credentials", "AKID1:secret1", "--credentials", "AKID2:with:colons");
        Assert.Equal([("AKID1", "secret1"), ("AKID2", "with:colons")], o.Credentials.Select(c => (c.AccessKeyId, c.SecretAccessKey)));
    }

    [Fact]
    public void CredentialsFromTheEnvironment_FollowTheCommandLines()
    {
        var all = ServeCommand.Credentials(["A:1"], " B:2 , C:3 ");
        Assert.Equal(["A", "B", "C"], all.Select(c => c.AccessKeyId));
        Assert.Throws<FormatException>(() => ServeCommand.Credentials([], "B"));
    }
}
