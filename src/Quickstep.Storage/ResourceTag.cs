namespace Quickstep.Storage;

/// <summary>A tag on a resource.</summary>
public sealed record ResourceTag(string Key, string Value);
