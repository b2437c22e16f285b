using System.Text.Json.Serialization;

namespace Quickstep.Storage.Sqlite;

/// <summary>Source-generated JSON for the few structured columns (alias routing).</summary>
[JsonSerializable(typeof(IReadOnlyList<RoutingEntry>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
