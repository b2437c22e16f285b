using System.Diagnostics;
using Quickstep.Json;

namespace Quickstep.Jsonata.Tests;

/// <summary>The allocation budget, the time limit inside built-ins, and the host's stop (issue 18).</summary>
public sealed class EvaluationLimitsTests
{
    [Fact]
    public void Evaluate_DoublingPastTheDefaultBudget_ThrowsU1001()
    {
        // Each array is under the 10,000,000-item cap until the last; together they are far over the budget.
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("$reduce([1..40], function($a, $b){ $append($a, $a) }, [1])").Evaluate(null));
        Assert.Equal("U1001", e.Code);
        Assert.Contains("Memory limit exceeded", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$map([1..1000], function($v){ [1..1000] })")]
    [InlineData("$count($map([1..1000], function($v){ $pad('', 1000) }))")]
    [InlineData("[1..1000].[1..1000]")]
    [InlineData("$map([1..1000], function($v){ $string([1..1000]) })")]
    [InlineData("$reverse([1..300000])")]
    [InlineData("$join($map([1..10000], function($v){ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' & $v }))")]
    public void Evaluate_BuildingMoreThanTheBudget_ThrowsU1001(string expr)
    {
        var limits = new EvaluationLimits { MaxAllocation = 500_000 };
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse(expr).Evaluate(null, null, null, limits));
        Assert.Equal("U1001", e.Code);
        Assert.Contains("Memory limit exceeded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnderTheBudget_Succeeds()
    {
        var limits = new EvaluationLimits { MaxAllocation = 500_000 };
        var r = JsonataExpression.Parse("$sum($map([1..100], function($v){ $count([1..1000]) }))").Evaluate(null, null, null, limits);
        Assert.Equal("100000", r!.ToString());
    }

    [Fact]
    public void Evaluate_SmallerBudget_IsObeyed()
    {
        var limits = new EvaluationLimits { MaxAllocation = 1000 };
        Assert.Equal("U1001", Assert.Throws<JsonataException>(() => JsonataExpression.Parse("[1..2000]").Evaluate(null, null, null, limits)).Code);
        Assert.Equal("[1,2,3]", JsonataExpression.Parse("[1..3]").Evaluate(null, null, null, limits)!.ToString());
    }

    [Fact]
    public void Evaluate_QuadraticBuiltin_StopsNearTheTimeLimit()
    {
        // $distinct compares every pair without evaluating a step: the limit must be seen inside it.
        var limits = new EvaluationLimits { Timeout = TimeSpan.FromMilliseconds(300) };
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("$distinct([1..200000])").Evaluate(null, null, null, limits));
        Assert.Equal("U1001", e.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Evaluate_GuardStops_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var services = new GuardedServices(cts.Token);
        var expr = JsonataExpression.Parse("($f := function($n){ $f($n + 1) }; $f(0))");
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => expr.Evaluate(null, (IReadOnlyDictionary<string, JValue>?)null, services));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Evaluate_GuardStops_InsideABuiltin()
    {
        using var cts = new CancellationTokenSource();
        var services = new GuardedServices(cts.Token);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => JsonataExpression.Parse("$distinct([1..200000])").Evaluate(null, (IReadOnlyDictionary<string, JValue>?)null, services));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    private sealed class GuardedServices(CancellationToken token) : IJsonataServices, IEvaluationGuard
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UnixEpoch;

        public IEvaluationGuard Guard => this;

        public double NextDouble() => 0.5;

        public Guid NewGuid() => Guid.Empty;

        public void ThrowIfStopped() => token.ThrowIfCancellationRequested();
    }
}
