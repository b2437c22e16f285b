using System.Text.Json.Serialization;

namespace Quickstep.Storage.Postgres;

/// <summary>Source-generated JSON for the services' structured columns (attributes, tags), as the SQLite stores write them.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<ResourceTag>))]
internal sealed partial class PostgresJsonContext : JsonSerializerContext;
