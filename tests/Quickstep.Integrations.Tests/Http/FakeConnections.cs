using Quickstep.Integrations.Http;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Http;

/// <summary>Connections by ARN, in CreateConnection's shape (what the local EventBridge hands the HTTP Task).</summary>
internal sealed class FakeConnections : IHttpConnectionSource
{
    private readonly Dictionary<string, JObject> _connections = new(StringComparer.Ordinal);

    public static string Arn(string name) => $"arn:aws:events:us-east-1:123456789012:connection/{name}/00000000-0000-0000-0000-000000000001";

    public string Add(string name, string authorizationType, string authParametersJson, string state = "AUTHORIZED", int version = 1)
    {
        var arn = Arn(name);
        _connections[arn] = (JObject)JsonText.Parse($$$"""
            {"Name":"{{{name}}}","ConnectionArn":"{{{arn}}}","AuthorizationType":"{{{authorizationType}}}","AuthParameters":{{{authParametersJson}}},
             "ConnectionState":"{{{state}}}","LastModifiedTime":{{{version}}}}
            """);
        return arn;
    }

    public ValueTask<JObject?> GetConnectionAsync(string connectionArn, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_connections.GetValueOrDefault(connectionArn));
}
