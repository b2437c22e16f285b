namespace Quickstep.Integrations.Testing;

/// <summary>A test file that cannot be read or is not in the format (docs/testing.md); the message names the file and every problem.</summary>
public sealed class WorkflowTestException : Exception
{
    public WorkflowTestException()
    {
    }

    public WorkflowTestException(string message)
        : base(message)
    {
    }

    public WorkflowTestException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
