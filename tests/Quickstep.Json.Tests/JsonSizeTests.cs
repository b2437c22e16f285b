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
}
