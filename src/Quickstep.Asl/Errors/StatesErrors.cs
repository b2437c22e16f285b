namespace Quickstep.Asl.Errors;

/// <summary>The predefined ASL error names (ASL spec, Appendix A; AWS developer guide).</summary>
public static class StatesErrors
{
    public const string All = "States.ALL";
    public const string DataLimitExceeded = "States.DataLimitExceeded";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string ItemReaderFailed = "States.ItemReaderFailed";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string Permissions = "States.Permissions";
    public const string QueryEvaluationError = "States.QueryEvaluationError";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string ResultWriterFailed = "States.ResultWriterFailed";
    public const string Runtime = "States.Runtime";
    public const string TaskFailed = "States.TaskFailed";
    public const string Timeout = "States.Timeout";
    public const string BranchFailed = "States.BranchFailed";
}
