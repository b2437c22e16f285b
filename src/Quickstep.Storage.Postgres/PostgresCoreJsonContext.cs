using System.Text.Json.Serialization;

namespace Quickstep.Storage.Postgres;

/// <summary>Source-generated JSON for alias routing.</summary>
[JsonSerializable(typeof(IReadOnlyList<RoutingEntry>))]
internal sealed partial class PostgresCoreJsonContext : JsonSerializerContext;
