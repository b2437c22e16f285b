using Quickstep.Json;

namespace Quickstep.Json.Tests;

public sealed class JsonWriterTests
{
    [Fact]
    public void Serialize_NonBmpAndNonAscii_WrittenRawLikeAws()
    {
        Assert.Equal("\"é😀€\"", JsonText.Parse("\"\\u00e9\\ud83d\\ude00€\"").ToString());
    }

    [Fact]
    public void Serialize_ControlCharactersQuotesAndBackslashes_Escaped()
    {
        Assert.Equal("\"a\\\"b\\\\c\\nd\\u0001\"", JsonText.Parse("\"a\\\"b\\\\c\\nd\\u0001\"").ToString());
    }

    [Fact]
    public void Serialize_OtherControlCharacters_UppercaseHexLikeJackson()
    {
        Assert.Equal("\"\\t\\b\\f\\r\\u001F\"", JsonText.Parse("\"\\t\\b\\f\\r\\u001f\"").ToString());
    }
}
