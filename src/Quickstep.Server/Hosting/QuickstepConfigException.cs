namespace Quickstep.Server.Hosting;

/// <summary>A configuration file that cannot be used; the message names the file, line, column and JSON pointer of each problem.</summary>
public sealed class QuickstepConfigException : Exception
{
    public QuickstepConfigException()
    {
    }

    public QuickstepConfigException(string message)
        : base(message)
    {
    }

    public QuickstepConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
