namespace Quickstep.Server.Tests.Battery;

/// <summary>One bad request: where it goes, what it carries, and the error it must get (code null: any code of that shape).</summary>
public sealed record BadRequestCase(string Name, string Service, string Method, string Path, string? ContentType, string? Target, byte[] Body, ErrorShape Shape, string? Code)
{
    public override string ToString() => $"{Service}: {Name}";
}
