using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Quickstep.Server.Api;

/// <summary>Source-generated serialization of response bodies.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
