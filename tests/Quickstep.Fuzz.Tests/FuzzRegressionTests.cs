using System.Diagnostics;
using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Fuzz.Tests;

/// <summary>Inputs the fuzz tests found that crashed, kept as plain tests once fixed.</summary>
public sealed class FuzzRegressionTests
{
    [Theory]
    // IntegerFormatter divided by zero on a picture whose grouping separators follow the last digit.
    [InlineData("""$toMillis("201802", "[Y,*-4][M01@@]")""")]
    [InlineData("""$formatInteger(1234, "01@@")""")]
    [InlineData("""$fromMillis(0, "[Y0001,,]")""")]
    public void Jsonata_FoundByFuzzing_ResultOrJsonataException(string expression)
    {
        try
        {
            _ = JsonataExpression.Parse(expression).Evaluate(JValue.Null);
        }
        catch (JsonataException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Code));
        }
    }

    [Fact]
    public void Jsonata_TimeLimit_HoldsInsideBuiltIns()
    {
        // Found by fuzzing: 15.3 s for a 1 s limit (a 10-million-item range built before the deadline is looked at).
        var clock = Stopwatch.StartNew();
        try
        {
            _ = JsonataExpression.Parse("[1..10000000] ~> $count()").Evaluate(JValue.Null, limits: new EvaluationLimits { Timeout = TimeSpan.FromSeconds(1) });
        }
        catch (JsonataException e)
        {
            Assert.Equal("U1001", e.Code);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }
}
