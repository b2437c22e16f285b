namespace Quickstep.Server.Api;

/// <summary>An API error in AWS's shape: <c>{"__type": Code, "message": …}</c> with an HTTP status (400 unless AWS uses another).</summary>
internal sealed class ApiException : Exception
{
    public ApiException(string code, string message, int status = 400)
        : base(message)
    {
        Code = code;
        Status = status;
    }

    public ApiException()
        : this("InternalFailure", "internal failure", 500)
    {
    }

    public ApiException(string message)
        : this("ValidationException", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "ValidationException";
        Status = 400;
    }

    public string Code { get; }

    public int Status { get; }
}
