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

    [Theory]
    [InlineData("{}", "a", "1")]
    [InlineData("{\"a\":1}", "a", "[1,2,{\"x\":\"é\"}]")]
    [InlineData("{\"a\":\"long text\",\"b\":2}", "a", "null")]
    [InlineData("{\"a\":1}", "k\"\n€", "\"v\\\\\"")]
    public void Utf8Size_WithAfterSizeKnown_MatchesSerialization(string text, string key, string valueText)
    {
        // The copy's size is worked out from the original's when that is known: replacing and appending.
        var original = (JObject)JsonText.Parse(text);
        _ = original.Utf8Size;
        var value = JsonText.Parse(valueText);
        var copy = original.With(key, value);
        Assert.Equal(Encoding.UTF8.GetByteCount(copy.ToString()), copy.Utf8Size);
        var again = copy.With(key, JValue.FromNumber(12345));
        Assert.Equal(Encoding.UTF8.GetByteCount(again.ToString()), again.Utf8Size);
    }
}
