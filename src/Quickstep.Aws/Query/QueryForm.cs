using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Aws.Query;

/// <summary>
/// The AWS query protocol's request (<c>Action=Publish&amp;Version=2010-03-31&amp;TopicArn=…</c>) as an operation's
/// input shape: dotted names nest (<c>Value.DataType</c>), <c>X.member.N</c> is a list, <c>X.entry.N.key/value</c>
/// (or <c>Name/Value</c> for message attributes) is a map. Every scalar stays a string, as the protocol sends it.
/// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
/// </summary>
public static class QueryForm
{
    private const int MaxDepth = 16;

    /// <summary>Parses form fields; returns the <c>Action</c> (null when missing) and the input without Action and Version.</summary>
    public static (string? Action, JObject Input) Parse(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string? action = null;
        var root = new Node();
        foreach (var (key, value) in fields)
        {
            switch (key)
            {
                case "Action":
                    action = value;
                    continue;
                case "Version":
                    continue;
            }

            var parts = key.Split('.');
            if (parts.Length > MaxDepth || parts.Any(p => p.Length == 0))
                continue;
            var node = root;
            foreach (var part in parts)
                node = node.Child(part);
            node.Value = value;
        }

        return (action, root.Children is null ? JObject.Empty : (JObject)Convert(root));
    }

    private static JValue Convert(Node node)
    {
        if (node.Children is null)
            return JValue.FromString(node.Value ?? "");
        if (node.Children.Count == 1 && node.Children.TryGetValue("member", out var members))
            return JArray.Own([.. Numbered(members).Select(Convert)]);
        if (node.Children.Count == 1 && node.Children.TryGetValue("entry", out var entries))
        {
            var map = new JObjectBuilder();
            foreach (var entry in Numbered(entries))
            {
                var key = entry.Get("key") ?? entry.Get("Name");
                var value = entry.Get("value") ?? entry.Get("Value");
                if (key?.Value is { } k)
                    map.Set(k, value is null ? JString.Empty : Convert(value));
            }

            return map.Build();
        }

        var obj = new JObjectBuilder(node.Children.Count);
        foreach (var (name, child) in node.Children)
            obj.Set(name, Convert(child));
        return obj.Build();
    }

    /// <summary>The children named 1, 2, 3, … in numeric order (others ignored).</summary>
    private static IEnumerable<Node> Numbered(Node node) =>
        node.Children is null
            ? []
            : node.Children
                .Select(c => (Ok: int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n), N: n, c.Value))
                .Where(c => c.Ok)
                .OrderBy(c => c.N)
                .Select(c => c.Value);

    private sealed class Node
    {
        public string? Value { get; set; }

        public Dictionary<string, Node>? Children { get; private set; }

        public Node Child(string name)
        {
            Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!Children.TryGetValue(name, out var child))
            {
                child = new Node();
                Children[name] = child;
            }

            return child;
        }

        public Node? Get(string name) => Children is not null && Children.TryGetValue(name, out var c) ? c : null;
    }
}
