using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Aws.Signing;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.AwsSdk;
using Quickstep.Integrations.Forwarding;
using Quickstep.Server.Services;

namespace Quickstep.Server.Hosting;

/// <summary>What the configuration file changes in the server: the database path, the Task integrations (local or forwarded), the services' endpoints.</summary>
internal static class ServerConfiguration
{
    private static readonly string DefaultDatabasePath = new QuickstepServerOptions().DatabasePath;

    /// <summary>One client for every forwarded call: connections are pooled per endpoint and renewed every few minutes (DNS changes).</summary>
    private static readonly Lazy<HttpClient> ForwardingHttp = new(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    });

    /// <summary><c>dataDirectory/quickstep.db</c> unless the database path was given explicitly (it differs from the default).</summary>
    public static string DatabasePath(QuickstepServerOptions options, QuickstepConfig config) =>
        config.DataDirectory is { } dir && options.DatabasePath == DefaultDatabasePath ? Path.Combine(dir, "quickstep.db") : options.DatabasePath;

    /// <summary>
    /// The server's resource handlers plus one for the AWS service integrations: each service's calls go to its
    /// forwarding endpoint when the configuration names one, otherwise to the service on this port.
    /// </summary>
    /// <param name="functions">The server's Lambda handler: after the options' own handlers, before the AWS service integrations.</param>
    public static IReadOnlyList<IResourceHandler> ResourceHandlers(QuickstepServerOptions options, QuickstepConfig config, IReadOnlyDictionary<string, IAwsService> local, ILogger? logger = null, IResourceHandler? functions = null)
    {
        IReadOnlyList<IResourceHandler> own = functions is null ? options.ResourceHandlers : [.. options.ResourceHandlers, functions];
        var targets = new Dictionary<string, IAwsService>(local, StringComparer.Ordinal);
        foreach (var (name, service) in config.Services)
        {
            if (service.Endpoint is not { } endpoint)
                continue;
            var region = service.Region ?? options.Region;
            var credentials = service.Credentials ?? FromEnvironment()
                ?? throw new QuickstepConfigException($"services.{name}: forwarding to {endpoint} needs credentials: give 'credentials' or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
            targets[name] = ForwardingServices.Create(name, new ForwardingEndpoint(endpoint, region, credentials), ForwardingHttp.Value, options.TimeProvider)
                ?? throw new QuickstepConfigException($"services.{name}: cannot forward: {ForwardingServices.WhyNot(name)}.");
            if (logger is not null)
                ConfigLog.Forwarding(logger, name, endpoint.ToString(), region);
        }

        if (targets.Count == 0)
            return own;
        return [.. own, new AwsServiceResourceHandler(targets.Values, new AwsServiceResourceHandlerOptions { TimeProvider = options.TimeProvider })];
    }

    /// <summary>The HTTP side of services given in <see cref="QuickstepServerOptions.Services"/> that speak AWS JSON.</summary>
    public static void AddServiceEndpoints(IReadOnlyDictionary<string, IAwsService> services, Dictionary<string, Func<HttpContext, Task>> handlers, QuickstepServerOptions options, ILogger logger)
    {
        foreach (var (name, service) in services)
        {
            Func<HttpContext, Task>? handler = name switch
            {
                "sqs" => new AwsJsonEndpoint(service, "AmazonSQS", "1.0", "com.amazonaws.sqs#", options.MaxRequestBytes, logger).HandleAsync,
                "events" => new AwsJsonEndpoint(service, "AWSEvents", "1.1", string.Empty, options.MaxRequestBytes, logger).HandleAsync,
                "scheduler" => new RestJsonEndpoint(service, RestJsonRoutes.Scheduler, "Message", options.MaxRequestBytes, logger).HandleAsync,
                "pipes" => new RestJsonEndpoint(service, RestJsonRoutes.Pipes, "message", options.MaxRequestBytes, logger).HandleAsync,
                "glue" => new AwsJsonEndpoint(service, "AWSGlue", "1.1", string.Empty, options.MaxRequestBytes, logger).HandleAsync,
                _ => null,
            };
            if (handler is not null)
                handlers[name] = handler;
        }
    }

    private static AwsCredentials? FromEnvironment()
    {
        var id = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret) ? null : new AwsCredentials(id, secret, Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
    }
}
