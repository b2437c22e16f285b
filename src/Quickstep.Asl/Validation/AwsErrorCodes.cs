namespace Quickstep.Asl.Validation;

/// <summary>
/// The one table from a diagnostic code to the code AWS reports (CreateStateMachine's message,
/// ValidateStateMachineDefinition's diagnostics). AWS reports most problems as SCHEMA_VALIDATION_FAILED
/// (recorded: every INVALID_DEFINITION case in the conformance data, e.g. an unknown resource); the
/// codes of its own are those its API reference lists (ValidateStateMachineDefinitionDiagnostic): a
/// missing target ("Missing 'Next' target: X") and an unreachable state are MISSING_TRANSITION_TARGET,
/// no terminal state is MISSING_END_STATE, as AWS answers them.
/// </summary>
public static class AwsErrorCodes
{
    public const string MissingTransitionTarget = "MISSING_TRANSITION_TARGET";

    public static string Of(string diagnosticCode) => diagnosticCode switch
    {
        DiagnosticCodes.InvalidJsonDescription => DiagnosticCodes.InvalidJsonDescription,
        DiagnosticCodes.NoSuchState or DiagnosticCodes.UnreachableState => MissingTransitionTarget,
        DiagnosticCodes.MissingEndState => DiagnosticCodes.MissingEndState,
        DiagnosticCodes.DuplicateStateName => DiagnosticCodes.DuplicateStateName,
        _ => DiagnosticCodes.SchemaValidationFailed,
    };
}
