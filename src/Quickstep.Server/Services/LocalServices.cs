using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Services.Events;
using Quickstep.Services.Sns;
using Quickstep.Services.Sqs;

namespace Quickstep.Server.Services;

/// <summary>The local AWS services this server answers besides Step Functions, each registered under its SigV4 signing name.</summary>
internal sealed class LocalServices : IAsyncDisposable
{
    private const int MaxRequestBytes = 1024 * 1024;

    private LocalServices(EventBridgeService eventBridge, SnsService sns)
    {
        EventBridge = eventBridge;
        Sns = sns;
    }

    public EventBridgeService EventBridge { get; }

    public SnsService Sns { get; }

    /// <param name="endpoint">The server's base URL once it listens (SNS puts it in SubscribeURL and UnsubscribeURL).</param>
    /// <summary>Creates EventBridge and SNS on the store (before the engine, whose Task integrations call them).</summary>
    public static async Task<LocalServices> CreateAsync(Hosting.StoreSet store, QuickstepServerOptions options, SqsService sqs, Func<string> endpoint, CancellationToken cancellationToken, ILambdaDeliveryTarget? lambda = null)
    {
        var eventBridge = new EventBridgeService(store.EventBuses, new EventBridgeOptions { Region = options.Region, AccountId = options.AccountId, TimeProvider = options.TimeProvider, ConnectionStore = store.Connections });
        await eventBridge.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await eventBridge.InitializeRulesAsync(store.EventRules, cancellationToken).ConfigureAwait(false);
        var sns = new SnsService(
            store.Topics,
            options.SnsSqsTarget ?? new SqsDeliveryTarget(sqs),
            new SnsOptions { Region = options.Region, AccountId = options.AccountId, TimeProvider = options.TimeProvider, Endpoint = endpoint, Lambda = lambda });
        await sns.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return new LocalServices(eventBridge, sns);
    }

    /// <summary>SNS's HTTP handler over the query protocol (whichever service answers to the name); the AWS JSON services get theirs from <see cref="Hosting.ServerConfiguration.AddServiceEndpoints"/>.</summary>
    public static void Register(Dictionary<string, Func<HttpContext, Task>> handlers, IReadOnlyDictionary<string, IAwsService> services, ILogger logger)
    {
        handlers["sns"] = new AwsQueryEndpoint(services["sns"], SnsService.Actions, "http://sns.amazonaws.com/doc/2010-03-31/", SnsService.MapMembers, MaxRequestBytes, logger).HandleAsync;
    }

    public async ValueTask DisposeAsync()
    {
        await EventBridge.StopDeliveryAsync().ConfigureAwait(false);
        await Sns.DisposeAsync().ConfigureAwait(false);
    }
}
