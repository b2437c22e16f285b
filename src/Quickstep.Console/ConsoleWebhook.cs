namespace Quickstep.WebConsole;

/// <summary>A webhook of the server's configuration file, as the services page lists it.</summary>
public sealed record ConsoleWebhook(string Name, string Path, string StateMachineArn, bool Sync, bool Signed);
