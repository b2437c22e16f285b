namespace Quickstep.WebConsole;

/// <summary>A bad request to a helper endpoint, answered as <c>{"__type": Code, "message"}</c> with <see cref="Status"/>.</summary>
internal sealed class ConsoleRequestException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;
}
