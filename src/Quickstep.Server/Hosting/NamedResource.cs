namespace Quickstep.Server.Hosting;

/// <summary>A queue, topic, event bus or bucket to create: its name, the service's attributes (strings) and tags.</summary>
public sealed record NamedResource(string Name, IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> Tags);
