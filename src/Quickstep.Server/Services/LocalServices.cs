using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Services.Events;
using Quickstep.Services.Sns;
using Quickstep.Services.Sqs;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Server.Services;

/// <summary>The local AWS services this server answers besides Step Functions, each registered under its SigV4 signing name.</summary>
internal static class LocalServices
{
    private const int MaxRequestBytes = 1024 * 1024;

    /// <param name="endpoint">The server's base URL once it listens (SNS puts it in SubscribeURL and UnsubscribeURL).</param>
    public static async Task<IAsyncDisposable> RegisterAsync(Dictionary<string, Func<HttpContext, Task>> services, SqliteStore store, QuickstepServerOptions options, SqsService sqs, Func<string> endpoint, ILogger logger, CancellationToken cancellationToken)
    {
        var eventBridge = new EventBridgeService(new SqliteEventBusStore(store), new EventBridgeOptions { Region = options.Region, AccountId = options.AccountId, TimeProvider = options.TimeProvider });
        await eventBridge.InitializeAsync(cancellationToken).ConfigureAwait(false);
        services["events"] = new AwsJsonEndpoint(eventBridge, "AWSEvents", "1.1", "", MaxRequestBytes, logger).HandleAsync;

        var sns = new SnsService(
            new SqliteTopicStore(store),
            options.SnsSqsTarget ?? new SqsDeliveryTarget(sqs),
            new SnsOptions { Region = options.Region, AccountId = options.AccountId, TimeProvider = options.TimeProvider, Endpoint = endpoint });
        await sns.InitializeAsync(cancellationToken).ConfigureAwait(false);
        services["sns"] = new AwsQueryEndpoint(sns, SnsService.Actions, "http://sns.amazonaws.com/doc/2010-03-31/", SnsService.MapMembers, MaxRequestBytes, logger).HandleAsync;
        return sns;
    }
}
