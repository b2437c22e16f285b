namespace Quickstep.WebConsole;

/// <summary>One embedded file of the page.</summary>
internal sealed record ConsoleAsset(byte[] Content, string ContentType, string ETag);
