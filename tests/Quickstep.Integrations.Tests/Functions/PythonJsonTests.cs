using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Functions;

public sealed class PythonJsonTests
{
    [Theory]
    [InlineData("{\"a\":[1,2.5,true,null],\"b\":{}}", "{\"a\": [1, 2.5, true, null], \"b\": {}}")]
    [InlineData("\"é\\n\\\"\\u0001\"", "\"\\u00e9\\n\\\"\\u0001\"")]
    [InlineData("[]", "[]")]
    [InlineData("0.0", "0.0")]
    public void Serialize_Value_WritesAsPythonJsonDumps(string json, string expected)
    {
        var value = JsonText.Parse(json);

        Assert.Equal(expected, PythonJson.Serialize(value));
        Assert.Equal(expected.Length, PythonJson.Length(value));
    }
}
