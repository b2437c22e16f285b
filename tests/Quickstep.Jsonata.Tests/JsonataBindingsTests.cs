using System.Diagnostics.CodeAnalysis;
using Quickstep.Json;

namespace Quickstep.Jsonata.Tests;

public sealed class JsonataBindingsTests
{
    private static readonly JObject Order = (JObject)JsonText.Parse("""{"id":7,"lines":[{"sku":"a","qty":2},{"sku":"b","qty":3}]}""");

    [Fact]
    public void Evaluate_HostField_AnsweredWithoutBuildingTheVariable()
    {
        var host = new Host();
        var result = JsonataExpression.Parse("$ctx.order.id").Evaluate(null, host);
        Assert.Equal("7", result?.ToString());
        Assert.Equal(1, host.FieldCalls);
        Assert.Empty(host.VariablesAsked);
    }

    [Fact]
    public void Evaluate_HostVariableWhole_ResolvedThroughTryGetVariable()
    {
        var host = new Host();
        var result = JsonataExpression.Parse("$keys($ctx)").Evaluate(null, host);
        Assert.Equal("[\"order\",\"user\"]", result?.ToString());
        Assert.Equal(["keys", "ctx"], host.VariablesAsked);
        Assert.Equal(0, host.FieldCalls);
    }

    [Theory]
    [InlineData("$ctx.order.lines.qty ~> $sum()", "5")]
    [InlineData("$ctx.order.lines[sku = 'b'].qty", "3")]
    [InlineData("$ctx.missing", null)]
    [InlineData("$ctx.user & '!'", "\"ann!\"")]
    [InlineData("$limit * 2", "20")]
    [InlineData("$nosuch", null)]
    [InlineData("$string($limit)", "\"10\"")]
    public void Evaluate_HostBindings_BehaveAsVariables(string expr, string? expected)
    {
        Assert.Equal(expected, JsonataExpression.Parse(expr).Evaluate(null, new Host())?.ToString());
    }

    [Fact]
    public void Evaluate_LocalBinding_ShadowsTheHost()
    {
        var result = JsonataExpression.Parse("($ctx := {'order': {'id': 1}}; $ctx.order.id)").Evaluate(null, new Host());
        Assert.Equal("1", result?.ToString());
    }

    [Fact]
    public void Evaluate_InputDocument_IsDollarBesideHostBindings()
    {
        var result = JsonataExpression.Parse("$.n + $limit").Evaluate(JsonText.Parse("""{"n":1}"""), new Host());
        Assert.Equal("11", result?.ToString());
    }

    [Fact]
    public void Evaluate_FunctionResult_ThrowsUnsupportedResultForHosts()
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("$sum").Evaluate(null, new Host()));
        Assert.Equal(JsonataExpression.UnsupportedResultCode, e.Code);
        Assert.Null(JsonataExpression.Parse("$sum").Evaluate(null));
    }

    [Fact]
    public void Evaluate_Services_SupplyClockRandomAndUuid()
    {
        var services = new FixedServices();
        var result = JsonataExpression.Parse("[$now(), $millis(), $random(), $uuid()]").Evaluate(null, new Host(), services);
        Assert.Equal("[\"2024-05-06T07:08:09.010Z\",1714979289010,0.25,\"00000000-0000-0000-0000-000000000001\"]", result?.ToString());
    }

    private sealed class Host : IJsonataBindings
    {
        public int FieldCalls { get; private set; }

        public List<string> VariablesAsked { get; } = [];

        public bool TryGetVariable(string name, [NotNullWhen(true)] out JValue? value)
        {
            VariablesAsked.Add(name);
            value = name switch
            {
                "ctx" => JObject.Create([new("order", Order), new("user", JValue.FromString("ann"))]),
                "limit" => JValue.FromNumber(10),
                _ => null,
            };
            return value is not null;
        }

        public bool TryGetField(string name, string field, out JValue? value)
        {
            value = null;
            if (name != "ctx")
                return false;
            FieldCalls++;
            value = field switch
            {
                "order" => Order,
                "user" => JValue.FromString("ann"),
                _ => null,
            };
            return true;
        }
    }

    private sealed class FixedServices : IJsonataServices
    {
        public DateTimeOffset UtcNow => new(2024, 5, 6, 7, 8, 9, 10, TimeSpan.Zero);

        public Guid NewGuid() => new("00000000-0000-0000-0000-000000000001");

        public double NextDouble() => 0.25;
    }
}
