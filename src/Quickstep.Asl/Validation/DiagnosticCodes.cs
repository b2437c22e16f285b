namespace Quickstep.Asl.Validation;

/// <summary>
/// Every diagnostic code the loader emits, in one place. Codes are stable: tools and tests match on
/// them; messages may change. The first two are AWS's own codes (ValidateStateMachineDefinition);
/// the rest refine what AWS reports as SCHEMA_VALIDATION_FAILED.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The text is not JSON (empty, malformed, binary).</summary>
    public const string InvalidJsonDescription = "INVALID_JSON_DESCRIPTION";

    /// <summary>The JSON is not an object at the root ("Definition must be a valid JSON object").</summary>
    public const string SchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";

    /// <summary>A required field is absent.</summary>
    public const string MissingField = "MISSING_FIELD";

    /// <summary>A field that ASL does not define at this place.</summary>
    public const string UnknownField = "UNKNOWN_FIELD";

    /// <summary>A field has the wrong JSON type.</summary>
    public const string InvalidType = "INVALID_TYPE";

    /// <summary>A field has the right type but a value outside its enumeration or form.</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>A number outside its allowed range, or not an integer where one is required.</summary>
    public const string OutOfRange = "OUT_OF_RANGE";

    /// <summary>An empty array where ASL requires at least one item (ErrorEquals, Choices, Branches, And, Or).</summary>
    public const string EmptyArray = "EMPTY_ARRAY";

    /// <summary>An ASL field that the state's type does not allow (e.g. Next on Choice, Retry on Pass).</summary>
    public const string FieldNotAllowed = "FIELD_NOT_ALLOWED";

    /// <summary>A field the state's query language does not allow (e.g. InputPath in JSONata, Arguments in JSONPath).</summary>
    public const string FieldNotAllowedForQueryLanguage = "FIELD_NOT_ALLOWED_FOR_QUERY_LANGUAGE";

    /// <summary>A state declares JSONPath while the machine declares JSONata.</summary>
    public const string QueryLanguageConflict = "QUERY_LANGUAGE_CONFLICT";

    /// <summary>Two fields that exclude each other are both present (Next/End, Seconds/SecondsPath, …).</summary>
    public const string MutuallyExclusiveFields = "MUTUALLY_EXCLUSIVE_FIELDS";

    /// <summary>A state that must transition has neither Next nor End:true.</summary>
    public const string MissingTransition = "MISSING_TRANSITION";

    /// <summary>StartAt/Next/Default/Catch Next names no state at all.</summary>
    public const string NoSuchState = "NO_SUCH_STATE";

    /// <summary>A transition names a state that exists, but in another scope (into or out of a Parallel branch or Map processor).</summary>
    public const string TransitionOutOfScope = "TRANSITION_OUT_OF_SCOPE";

    /// <summary>A States block with no terminal state (End: true, Succeed or Fail) at all.</summary>
    public const string MissingEndState = "MISSING_END_STATE";

    /// <summary>A state no path from StartAt reaches.</summary>
    public const string UnreachableState = "UNREACHABLE_STATE";

    /// <summary>A state name used twice anywhere in the machine (nested scopes included).</summary>
    public const string DuplicateStateName = "DUPLICATE_STATE_NAME";

    /// <summary>A state name longer than 80 characters, or empty.</summary>
    public const string InvalidStateName = "INVALID_STATE_NAME";

    /// <summary>A Choice rule with no comparison operator (and no And/Or/Not).</summary>
    public const string MissingComparisonOperator = "MISSING_COMPARISON_OPERATOR";

    /// <summary>A Choice rule with more than one comparison operator (And/Or/Not count as operators).</summary>
    public const string MultipleComparisonOperators = "MULTIPLE_COMPARISON_OPERATORS";

    /// <summary>States.ALL is not alone in its ErrorEquals.</summary>
    public const string StatesAllNotAlone = "STATES_ALL_NOT_ALONE";

    /// <summary>A Retrier/Catcher with States.ALL is not the last one.</summary>
    public const string StatesAllNotLast = "STATES_ALL_NOT_LAST";

    /// <summary>A string that is not a valid (JSONPath) path.</summary>
    public const string InvalidPath = "INVALID_PATH";

    /// <summary>A path that must be a reference path (single node, no $$ / variable for ResultPath) and is not.</summary>
    public const string InvalidReferencePath = "INVALID_REFERENCE_PATH";

    /// <summary>An intrinsic function call that does not parse.</summary>
    public const string InvalidIntrinsicFunction = "INVALID_INTRINSIC_FUNCTION";

    /// <summary>A "{% %}" JSONata expression that does not parse (AWS uses the same code).</summary>
    public const string InvalidJsonata = "INVALID_JSONATA_EXPRESSION";

    /// <summary>A ".$" template value that is neither a path nor an intrinsic function call.</summary>
    public const string InvalidTemplateValue = "INVALID_TEMPLATE_VALUE";

    /// <summary>Two keys of one payload template object are equal once ".$" is stripped.</summary>
    public const string DuplicateTemplateKey = "DUPLICATE_TEMPLATE_KEY";

    /// <summary>An Assign key that is not a valid variable name (identifier, ≤ 80 chars, not "states").</summary>
    public const string InvalidVariableName = "INVALID_VARIABLE_NAME";

    /// <summary>A string that is not an RFC 3339 timestamp where one is required.</summary>
    public const string InvalidTimestamp = "INVALID_TIMESTAMP";

    /// <summary>A Task Resource that AWS does not recognise (e.g. an optimized integration action that does not exist).</summary>
    public const string InvalidResource = "INVALID_RESOURCE";

    /// <summary>A feature AWS rejects in EXPRESS state machines (.sync, .waitForTaskToken, activities).</summary>
    public const string NotSupportedInExpress = "NOT_SUPPORTED_IN_EXPRESS";

    /// <summary>A field the loader accepted that the plan compiler could not build (at the field, or at its state when no finer place is known).</summary>
    public const string UncompilableField = "UNCOMPILABLE_FIELD";

    /// <summary>The file could not be read (quickstep validate only).</summary>
    public const string UnreadableFile = "UNREADABLE_FILE";
}
