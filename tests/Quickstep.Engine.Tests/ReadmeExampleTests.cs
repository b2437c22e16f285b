using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>The README's embedding example, verbatim in spirit: if this breaks, the README is wrong.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task Embedding_ReadmeExample_Works()
    {
        var functions = new LambdaFunctionRegistry();
        functions.Register("Greet", (JValue e) => JValue.FromString("Hello, " + ((JString)((JObject)e)["name"]!).Value));

        var engine = new QuickstepEngine(new EngineOptions { ResourceHandlers = [new LambdaResourceHandler(functions)] });
        var machine = engine.Load("""
            {"StartAt": "Greet", "States": {"Greet": {
              "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Greet", "End": true}}}
            """, "hello");
        var result = await machine.ExecuteAsync(JValue.Parse("""{"name": "Ada"}"""));
        Assert.Equal("SUCCEEDED", result.StatusText);
        Assert.Equal("\"Hello, Ada\"", result.Output!.ToString());
    }

    [Fact]
    public void Load_InvalidDefinition_ThrowsWithDiagnostics()
    {
        var engine = new QuickstepEngine();
        var e = Assert.Throws<InvalidDefinitionException>(() => engine.Load("""{"StartAt":"Missing","States":{}}""", "bad"));
        Assert.NotEmpty(e.Diagnostics);
        Assert.StartsWith("Invalid State Machine Definition: '", e.Message, StringComparison.Ordinal);
    }
}
