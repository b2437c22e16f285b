using System.Text.Json.Serialization;

namespace Quickstep.Storage.Rows;

/// <summary>Source-generated JSON for the structured columns every store writes the same way (alias routing, attributes, tags).</summary>
[JsonSerializable(typeof(IReadOnlyList<RoutingEntry>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<ResourceTag>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
