using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Services.Lambda;

/// <summary>
/// The server's functions: the registry (<see cref="QuickstepServerOptions.Functions"/> plus the configuration file's
/// <c>functions</c> section), the Lambda API service over it, the Task handler (lambda:invoke and function ARNs) and
/// the durable queue of asynchronous invocations, which SNS's lambda subscriptions also use.
/// </summary>
internal sealed record LambdaWiring(LambdaFunctionRegistry Registry, LambdaService Service, LambdaEventQueue Queue, IResourceHandler Handler) : IAsyncDisposable
{
    public static LambdaWiring Create(QuickstepServerOptions options, QuickstepConfig config, IAwsService sqs, ILogger logger)
    {
        var registry = options.Functions ?? new LambdaFunctionRegistry();
        var host = new FunctionHostOptions
        {
            Region = options.Region,
            AccountId = options.AccountId,
            TimeProvider = options.TimeProvider,
            Log = (function, line) => LambdaLog.FunctionOutput(logger, function, line),
        };
        try
        {
            FunctionsFile.RegisterAll(registry, config.Functions, config.BaseDirectory, host);
        }
        catch (ArgumentException e)
        {
            throw new QuickstepConfigException("functions: " + e.Message, e);
        }

        foreach (var (name, definition) in config.Functions)
            LambdaLog.FunctionReady(logger, name, definition.Kind);
        var service = new LambdaService(registry, options.Region, options.AccountId);
        var queue = new LambdaEventQueue(sqs, service, logger, options.TimeProvider, options.LambdaRetryDelays);
        service.EventQueue = queue;
        var handler = new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions
        {
            DefaultRegion = options.Region,
            DefaultAccountId = options.AccountId,
            TimeProvider = options.TimeProvider,
            EventQueue = queue,
        });
        return new LambdaWiring(registry, service, queue, handler);
    }

    public async ValueTask DisposeAsync()
    {
        await Queue.DisposeAsync().ConfigureAwait(false);
        await Registry.DisposeAsync().ConfigureAwait(false);
    }
}
