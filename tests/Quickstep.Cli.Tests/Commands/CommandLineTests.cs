namespace Quickstep.Cli.Tests.Commands;

/// <summary>What every command shares: --help, usage errors (exit 2), completion, no response files.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string, string> CommandsAndAnOption() => new()
    {
        { "serve", "--config" },
        { "usage", "--price-table" },
        { "bench", "--echo-functions" },
        { "validate", "--type" },
        { "run", "--include-execution-data" },
        { "test", "--junit" },
        { "graph", "--format" },
    };

    [Theory]
    [MemberData(nameof(CommandsAndAnOption))]
    public async Task Help_EveryCommand_DescribesItsOptionsExit0(string command, string option)
    {
        var (exit, stdout, _) = await CliRunner.RunAsync(command, "--help");
        Assert.Equal(0, exit);
        // The usage line names the program as the process was started (testhost here), then the command.
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains($" {command} ", stdout, StringComparison.Ordinal);
        Assert.Contains(option, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CommandsAndAnOption))]
    public async Task HelpWord_IsTheCommandsHelp(string command, string option)
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("help", command);
        Assert.Equal(0, exit);
        Assert.Contains(option, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CommandsAndAnOption))]
    public async Task UnknownOption_EveryCommand_NamesItAndShowsUsageExit2(string command, string option)
    {
        _ = option;
        var (exit, stdout, stderr) = await CliRunner.RunAsync(command, "--bogus");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"quickstep {command}: unknown option '--bogus'", stderr, StringComparison.Ordinal);
        Assert.Contains($"usage: quickstep {command}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArguments_OverviewOnStderrExit2()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync();
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        foreach (var command in new[] { "serve", "usage", "bench", "validate", "run", "test", "graph" })
            Assert.Contains(command, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_Exit2()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("launch", "x.json");
        Assert.Equal(2, exit);
        Assert.StartsWith("quickstep: unknown command 'launch'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AtSign_IsAFileNameNotAResponseFile()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("run", "@definition.json");
        Assert.Equal(2, exit);
        Assert.Contains("cannot read @definition.json", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "def.json", "--mock-config", "mock.json")]
    [InlineData("run", "def.json", "--test-case", "T")]
    [InlineData("bench", "def.json", "--input-file", "in.json", "--mock-config", "mock.json")]
    [InlineData("bench", "def.json", "--input-file", "in.json", "--test-case", "T")]
    public async Task MockConfigWithoutTestCase_OrTheOtherWayRound_IsAUsageErrorExit2(params string[] args)
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"quickstep {args[0]}: --mock-config and --test-case go together", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BothInputsAndAHalfMockPair_ReportsBothProblemsInOrder()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("run", "def.json", "--input", "{}", "--input-file", "in.json", "--test-case", "T");
        Assert.Equal(2, exit);
        var both = stderr.IndexOf("give --input or --input-file, not both", StringComparison.Ordinal);
        var pair = stderr.IndexOf("--mock-config and --test-case go together", StringComparison.Ordinal);
        Assert.True(both >= 0 && pair > both, stderr);
    }

    [Theory]
    [InlineData("run def.json --log-level ", new[] { "ALL", "ERROR", "FATAL", "OFF" })]
    [InlineData("validate def.json --type ", new[] { "EXPRESS", "STANDARD" })]
    [InlineData("validate def.json --format ", new[] { "json", "text" })]
    [InlineData("ben", new[] { "bench" })]
    public void Completions_OfferTheValuesAnOptionTakes(string line, string[] expected)
    {
        var completions = CommandLine.Build().Parse(line).GetCompletions().Select(c => c.Label);
        Assert.Equal(expected, completions.Order(StringComparer.Ordinal));
    }
}
