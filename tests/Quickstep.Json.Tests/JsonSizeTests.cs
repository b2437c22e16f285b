using System.Text;
using Quickstep.Json;

namespace Quickstep.Json.Tests;

public sealed class JsonSizeTests
{
    [Theory]
    [InlineData("{\"a\":[1,2.50,true,false,null],\"b\":{\"c\":\"x\\\"y\\\\z\\n\\u0001\"}}")]
    [InlineData("\"héllo wörld €\"")]
    [InlineData("\"\\ud83d\\ude00 emoji\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Utf8Size_EqualsSerializedByteCount(string text)
    {
        var value = JsonText.Parse(text);
        Assert.Equal(Encoding.UTF8.GetByteCount(value.ToString()), value.Utf8Size);
    }

    [Fact]
    public void Utf8Size_AfterWith_MatchesSerialization()
    {
        var value = ((JObject)JsonText.Parse("{\"a\":{\"b\":[1,2,3]}}")).With("c", JValue.FromNumber(0.25));
        Assert.Equal(Encoding.UTF8.GetByteCount(value.ToString()), value.Utf8Size);
    }

    [Fact]
    public void Utf8Size_ComputedNumbers_MatchesTheirText()
    {
        // Every power of ten and its neighbours, both signs, then the forms written another way (fractions, -0, past long).
        var values = new List<double> { 0, -0.0, 0.5, -2.25, 1e-7, 9.2e18, -9.3e18, 1e21, 123456789012345678901234.0, double.MaxValue, double.Epsilon };
        for (var p = 1.0; p < 1e19; p *= 10)
            values.AddRange([p - 1, p, p + 1, -(p - 1), -p, -(p + 1)]);
        foreach (var v in values)
        {
            var number = JNumber.Create(v);
            Assert.True(number.Text is null);
            Assert.Equal(Encoding.UTF8.GetByteCount(number.ToJsonText()), number.Utf8Size);
        }
    }
}
