using Quickstep.Json;

namespace Quickstep.Json.Tests;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("{\"b\":1,\"a\":[true,false,null,\"x\"]}")]
    [InlineData("1.50")]
    [InlineData("-0")]
    [InlineData("12345678901234567890")]
    [InlineData("\"é\\n\"")]
    public void Parse_ThenSerialize_KeepsTextAndOrder(string text)
    {
        Assert.Equal(text, JsonText.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{} {}")]
    [InlineData("[1,]")]
    [InlineData("{'a':1}")]
    public void Parse_InvalidText_ThrowsJsonTextException(string text)
    {
        Assert.Throws<JsonTextException>(() => JsonText.Parse(text));
    }

    [Fact]
    public void Parse_DeeperThanLimit_ThrowsJsonTextException()
    {
        var text = new string('[', 100) + new string(']', 100);
        Assert.Throws<JsonTextException>(() => JsonText.Parse(text, maxDepth: 64));
        Assert.IsType<JArray>(JsonText.Parse(text, maxDepth: 128));
    }

    [Fact]
    public void Equals_IgnoresKeyOrder_ComparesNumbersByValue()
    {
        Assert.Equal(JsonText.Parse("{\"a\":1,\"b\":[1.0]}"), JsonText.Parse("{\"b\":[1],\"a\":1.00}"));
        Assert.NotEqual(JsonText.Parse("{\"a\":1}"), JsonText.Parse("{\"a\":true}"));
        Assert.NotEqual(JsonText.Parse("[1,2]"), JsonText.Parse("[2,1]"));
    }

    [Fact]
    public void With_SharesUntouchedChildren_AndKeepsOrder()
    {
        var original = (JObject)JsonText.Parse("{\"a\":{\"deep\":[1,2,3]},\"b\":2}");
        var changed = original.With("b", JValue.FromNumber(3)).With("c", JValue.True);
        Assert.Same(original["a"], changed["a"]);
        Assert.Equal("{\"a\":{\"deep\":[1,2,3]},\"b\":3,\"c\":true}", changed.ToString());
        Assert.Equal("{\"a\":{\"deep\":[1,2,3]},\"b\":2}", original.ToString());
    }

    [Fact]
    public void Parse_DuplicateKeys_LastValueWins()
    {
        Assert.Equal("{\"a\":2}", JsonText.Parse("{\"a\":1,\"a\":2}").ToString());
    }

    [Fact]
    public void LargeObject_LookupUsesIndex()
    {
        var builder = new JObjectBuilder();
        for (var i = 0; i < 100; i++)
            builder.Set("k" + i, JValue.FromNumber(i));
        var obj = builder.Build();
        Assert.Equal(JValue.FromNumber(57), obj["k57"]);
        Assert.Null(obj["missing"]);
    }

    [Fact]
    public void ComputedNumbers_PrintShortestForm()
    {
        Assert.Equal("3", JValue.FromNumber(3.0).ToString());
        Assert.Equal("0.1", JValue.FromNumber(0.1).ToString());
        Assert.Equal("-2.5", JValue.FromNumber(-2.5).ToString());
    }
}
