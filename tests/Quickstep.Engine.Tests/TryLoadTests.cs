using Quickstep.Asl.Model;
using Quickstep.Asl.Validation;
using Quickstep.Engine.Plan;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>Validation and compilation are one pass that reports diagnostics with their pointers instead of throwing.</summary>
public sealed class TryLoadTests
{
    [Fact]
    public void TryLoad_BadExpressions_ReturnsEveryDiagnosticAtItsField()
    {
        var result = new QuickstepEngine().TryLoad("""
            {"StartAt":"P","States":{
              "P":{"Type":"Pass","Parameters":{"a.$":"$.a[","b.$":"States.Nope()"},"Next":"J"},
              "J":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $x + %}","End":true}}}
            """, "bad");

        Assert.False(result.IsValid);
        Assert.Null(result.Machine);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.InvalidPath && d.Pointer == "/States/P/Parameters/a.$");
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.InvalidIntrinsicFunction && d.Pointer == "/States/P/Parameters");
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.InvalidJsonata && d.Pointer == "/States/J/Output");
    }

    [Fact]
    public async Task TryLoad_ValidDefinition_ReturnsARunnableMachine()
    {
        var result = new QuickstepEngine().TryLoad("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"States.MathAdd($.n, 1)"},"End":true}}}""", "ok");

        Assert.True(result.IsValid);
        Assert.Empty(result.Diagnostics);
        var run = await result.Machine!.ExecuteAsync(JsonText.Parse("""{"n":41}"""));
        Assert.Equal("""{"v":42}""", run.Output!.ToString());
    }

    [Fact]
    public void Load_BadDefinition_ThrowsWithTheSameDiagnostics()
    {
        const string text = """{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.[","End":true}}}""";
        var engine = new QuickstepEngine();
        var e = Assert.Throws<InvalidDefinitionException>(() => engine.Load(text, "bad"));
        Assert.Equal(engine.TryLoad(text, "bad").Diagnostics, e.Diagnostics);
        Assert.Equal("/States/P/InputPath", Assert.Single(e.Diagnostics).Pointer);
    }

    [Fact]
    public void Compile_FieldTheCompilerCannotBuild_IsADiagnosticAtThatField()
    {
        // A model the loader would never produce (a comparison without Variable): the compiler reports, never throws.
        var definition = new StateMachineDefinition
        {
            StartAt = "C",
            States =
            [
                new ChoiceState { Common = new CommonFields { Name = "C", Pointer = "/States/C" }, Choices = [new ChoiceRule { Pointer = "/States/C/Choices/0", Next = "S", Operator = "IsPresent", Operand = JValue.True }] },
                new SucceedState { Common = new CommonFields { Name = "S", Pointer = "/States/S" } },
            ],
        };

        var plan = PlanCompiler.Compile(definition, [], out var diagnostics);

        Assert.Null(plan);
        var d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.UncompilableField, "/States/C/Choices/0"), (d.Code, d.Pointer));
    }
}
