using System.Text.Json.Serialization;

namespace Quickstep.Storage.Postgres;

[JsonSerializable(typeof(IReadOnlyList<RoutingEntry>))]
internal sealed partial class PostgresJsonContext : JsonSerializerContext;
