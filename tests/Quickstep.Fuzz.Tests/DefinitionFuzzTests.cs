using CsCheck;
using Quickstep.Engine;
using Quickstep.Json;

namespace Quickstep.Fuzz.Tests;

/// <summary>QuickstepEngine.TryLoad never throws: every text gives a machine or diagnostics; a machine that loads runs to a result.</summary>
public sealed class DefinitionFuzzTests
{
    private static readonly string[] StateTokens =
    [
        "{", "}", "[", "]", ",", ":", "\"StartAt\"", "\"States\"", "\"A\"", "\"B\"", "\"Type\"", "\"Pass\"", "\"Choice\"", "\"Wait\"",
        "\"Map\"", "\"Parallel\"", "\"Succeed\"", "\"Fail\"", "\"Next\"", "\"End\"", "true", "false", "null", "0", "-1", "1e999",
        "\"Parameters\"", "\"x.$\"", "\"$.a\"", "\"States.Format('{}', $.a)\"", "\"QueryLanguage\"", "\"JSONata\"", "\"Output\"",
        "\"{% $states.input %}\"", "\"Choices\"", "\"Variable\"", "\"StringEquals\"", "\"Branches\"", "\"ItemProcessor\"",
        "\"ProcessorConfig\"", "\"Seconds\"", "\"Assign\"", "\"Retry\"", "\"Catch\"", "\"ErrorEquals\"", "\"States.ALL\"",
    ];

    [Fact]
    public void TryLoad_MutatedConformanceDefinitions_GivesMachineOrDiagnostics() =>
        Fuzz.Run(Mutations.Of(Corpus.Definitions), LoadAndRun, 1500);

    [Fact]
    public void TryLoad_TokenSoup_GivesMachineOrDiagnostics() =>
        Fuzz.Run(Mutations.Tokens(StateTokens, 40), LoadAndRun, 3000);

    private static void LoadAndRun(string definition)
    {
        // An engine per input: each run has a virtual clock of its own, so Waits elapse at once.
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = new VirtualTimeProvider(DateTimeOffset.UnixEpoch) });
        var result = engine.TryLoad(definition, "fuzz");
        if (!result.IsValid)
        {
            Assert.NotEmpty(result.Diagnostics);
            Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrEmpty(d.Message)));
            return;
        }

        // A definition that loads runs to a final status on the virtual clock; engine faults are values, never exceptions.
        var run = result.Machine!.ExecuteAsync(JsonText.Parse("""{"a":[1,"x",{"b":null}],"b":"y"}"""));
        Assert.True(run.Wait(TimeSpan.FromSeconds(2)), "the execution did not finish");
        Assert.NotEqual(ExecutionStatus.Running, run.Result.Status);
    }
}
