using System.Text.Json;

namespace Quickstep.Storage.Rows;

/// <summary>The JSON text of the structured columns, as both dialects store it.</summary>
internal static class StoreJson
{
    public static string MapText(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(map, StringComparer.Ordinal), StoreJsonContext.Default.DictionaryStringString);

    public static Dictionary<string, string> Map(string text) =>
        JsonSerializer.Deserialize(text, StoreJsonContext.Default.DictionaryStringString) ?? [];

    public static string TagsText(IEnumerable<ResourceTag> tags) =>
        JsonSerializer.Serialize(tags.ToList(), StoreJsonContext.Default.ListResourceTag);

    public static List<ResourceTag> Tags(string text) =>
        JsonSerializer.Deserialize(text, StoreJsonContext.Default.ListResourceTag) ?? [];

    public static string RoutingText(IReadOnlyList<RoutingEntry> routing) =>
        JsonSerializer.Serialize(routing, StoreJsonContext.Default.IReadOnlyListRoutingEntry);

    public static IReadOnlyList<RoutingEntry> Routing(string text) =>
        JsonSerializer.Deserialize(text, StoreJsonContext.Default.IReadOnlyListRoutingEntry) ?? [];
}
