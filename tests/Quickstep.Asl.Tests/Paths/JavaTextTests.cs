using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Tests.Paths;

public sealed class JavaTextTests
{
    [Theory]
    [InlineData(1.1, "1.1")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(123456789.123, "1.23456789123E8")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(-2.5e-5, "-2.5E-5")]
    [InlineData(0.0, "0.0")]
    [InlineData(-1.5, "-1.5")]
    public void DoubleToString_MatchesJava(double value, string expected)
    {
        Assert.Equal(expected, JavaText.DoubleToString(value));
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("-7", "-7")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("1.50", "1.5")]
    [InlineData("2e3", "2000.0")]
    [InlineData("{\"a\":[1,\"x\",null,{\"b\":true}],\"c\":{}}", "{a=[1, x, null, {b=true}], c={}}")]
    [InlineData("[]", "[]")]
    [InlineData("\"plain\"", "plain")]
    public void ToJavaString_PrintsLikeJavaToString(string json, string expected)
    {
        Assert.Equal(expected, JavaText.ToJavaString(JsonText.Parse(json)));
    }

    [Theory]
    [InlineData("1", "java.lang.Integer")]
    [InlineData("3000000000", "java.lang.Long")]
    [InlineData("1.5", "java.lang.Double")]
    [InlineData("\"s\"", "java.lang.String")]
    [InlineData("true", "java.lang.Boolean")]
    [InlineData("[]", "java.util.ArrayList")]
    [InlineData("{}", "java.util.LinkedHashMap")]
    [InlineData("null", "null")]
    public void ClassName_IsJacksonsJavaType(string json, string expected)
    {
        Assert.Equal(expected, JavaText.ClassName(JsonText.Parse(json)));
    }
}
