using Quickstep.Integrations.Functions;
using Quickstep.Json;
using static Quickstep.Integrations.Tests.TestSupport;

namespace Quickstep.Integrations.Tests.Functions;

public sealed class LambdaFunctionRegistryTests
{
    private static string Call(LambdaFunctionRegistry registry, string resource)
    {
        var result = Run(Handler(registry), Request(resource, "{}"));
        return result.IsSuccess ? JsonOf(result.Output) : result.Error!.Error;
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:MyFn")]
    [InlineData("arn:aws:lambda:eu-west-1:111122223333:function:MyFn")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:MyFn:7")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:MyFn:live")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:MyFn:$LATEST")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:123456789012:function:MyFn")]
    public void Register_BareName_ServesEveryArnOfThatName(string resource)
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("MyFn", _ => JString.Create("hit"));

        Assert.Equal("\"hit\"", Call(registry, resource));
    }

    [Fact]
    public void Register_FullArn_ServesThatArnOnly()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("arn:aws:lambda:us-east-1:123456789012:function:MyFn", _ => JString.Create("arn"));

        Assert.Equal("\"arn\"", Call(registry, "arn:aws:lambda:us-east-1:123456789012:function:MyFn"));
        Assert.Equal("\"arn\"", Call(registry, "arn:aws:lambda:us-east-1:123456789012:function:MyFn:3"));
        Assert.Equal("Lambda.ResourceNotFoundException", Call(registry, "arn:aws:lambda:us-west-2:123456789012:function:MyFn"));
        Assert.Equal("Lambda.ResourceNotFoundException", Call(registry, "arn:aws:lambda:us-east-1:999999999999:function:MyFn"));
    }

    [Fact]
    public void Register_QualifiedArn_ServesThatQualifierOnly()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("arn:aws:lambda:us-east-1:123456789012:function:MyFn:live", _ => JString.Create("live"));

        Assert.Equal("\"live\"", Call(registry, "arn:aws:lambda:us-east-1:123456789012:function:MyFn:live"));
        Assert.Equal("Lambda.ResourceNotFoundException", Call(registry, "arn:aws:lambda:us-east-1:123456789012:function:MyFn"));
    }

    [Fact]
    public void Register_ArnAndName_ArnWinsWhereItMatches()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("MyFn", _ => JString.Create("name"));
        registry.Register("arn:aws:lambda:us-east-1:123456789012:function:MyFn", _ => JString.Create("arn"));

        Assert.Equal("\"arn\"", Call(registry, "arn:aws:lambda:us-east-1:123456789012:function:MyFn"));
        Assert.Equal("\"name\"", Call(registry, "arn:aws:lambda:eu-west-1:123456789012:function:MyFn"));
    }

    [Fact]
    public void Register_SameKeyTwice_ReplacesTheFunction()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("MyFn", _ => JString.Create("first"));
        registry.Register("MyFn", _ => JString.Create("second"));

        Assert.Equal("\"second\"", Call(registry, "arn:aws:lambda:us-east-1:123456789012:function:MyFn"));
        Assert.True(registry.Contains("MyFn"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("My Fn")]
    [InlineData("MyFn:live")]
    [InlineData("123456789012:function:MyFn")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:x")]
    public void Register_InvalidKey_Throws(string key)
    {
        var registry = new LambdaFunctionRegistry();

        Assert.Throws<ArgumentException>(() => registry.Register(key, v => v));
    }

    [Fact]
    public void RegisterCommand_EmptyCommand_Throws()
    {
        var registry = new LambdaFunctionRegistry();

        Assert.Throws<ArgumentException>(() => registry.RegisterCommand("MyFn", []));
    }

    [Fact]
    public void Register_AsyncFunction_ReceivesEventAndToken()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("Echo", async (JValue evt, CancellationToken ct) =>
        {
            await Task.Yield();
            return new JObjectBuilder().Set("got", evt).Build();
        });

        var result = Run(Handler(registry), Request("arn:aws:lambda:us-east-1:123456789012:function:Echo", "{\"a\":1}"));

        Assert.Equal("{\"got\":{\"a\":1}}", JsonOf(result.Output));
    }
}
