using Quickstep.Asl.Errors;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Integrations;

/// <summary>The States.Runtime failures every integration reports the same way, with Step Functions' wording.</summary>
internal static class TaskFailures
{
    /// <summary>Arguments Step Functions cannot turn into the service's request (a runtime error, not retriable).</summary>
    public static TaskResult Unusable(JValue arguments, string problem) =>
        TaskResult.Failure(StatesErrors.Runtime,
            $"The Parameters '{JsonText.Serialize(arguments)}' could not be used to start the Task: [{problem}]");

    /// <summary>Arguments that are not a JSON object.</summary>
    public static TaskResult NotAnObject(JValue arguments) => Unusable(arguments, "The value of the field 'Parameters' must be an object");
}
