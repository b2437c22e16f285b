using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Json;
using static Quickstep.Integrations.Tests.TestSupport;

namespace Quickstep.Integrations.Tests;

public sealed class ResourceHandlerChainTests
{
    [Fact]
    public void InvokeAsync_FirstHandlerThatCanHandle_Serves()
    {
        var chain = new ResourceHandlerChain(new Fixed("sqs", "first"), new Fixed("sqs", "second"), new Fixed("sns", "third"));

        Assert.Equal("\"first\"", JsonOf(Run(chain, Request("sqs", "{}")).Output));
        Assert.Equal("\"third\"", JsonOf(Run(chain, Request("sns", "{}")).Output));
    }

    [Fact]
    public void InvokeAsync_NoHandler_FailsStatesRuntimeNamingTheResource()
    {
        var chain = new ResourceHandlerChain(new LambdaResourceHandler(new LambdaFunctionRegistry()));

        var result = Run(chain, Request("arn:aws:states:::sqs:sendMessage", "{}", "Send"));

        Assert.False(chain.CanHandle("arn:aws:states:::sqs:sendMessage"));
        Assert.Equal("States.Runtime", result.Error!.Error);
        Assert.Equal("The resource 'arn:aws:states:::sqs:sendMessage' of state 'Send' is not supported: no integration is configured for it.", result.Error.Cause);
    }

    [Fact]
    public void InvokeAsync_LambdaInChain_Serves()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("Identity", v => v);
        var chain = new ResourceHandlerChain([new Fixed("other", "x"), Handler(registry)]);

        Assert.True(chain.CanHandle(LambdaResourceHandler.InvokeResource));
        Assert.Equal("[1]", JsonOf(Run(chain, Request("arn:aws:lambda:us-east-1:123456789012:function:Identity", "[1]")).Output));
        Assert.Equal(2, chain.Handlers.Count);
    }

    private sealed class Fixed(string resource, string answer) : IResourceHandler
    {
        public bool CanHandle(string r) => r == resource;

        public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken) =>
            new(TaskResult.Success(JString.Create(answer)));
    }
}
