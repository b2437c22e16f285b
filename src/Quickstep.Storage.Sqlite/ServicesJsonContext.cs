using System.Text.Json.Serialization;

namespace Quickstep.Storage.Sqlite;

/// <summary>Source-generated JSON for the services' structured columns (attributes, tags).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<ResourceTag>))]
internal sealed partial class ServicesJsonContext : JsonSerializerContext;
