using Quickstep.Asl.Model;
using Quickstep.Asl.Validation;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>One reader per state type.</summary>
internal sealed partial class DefinitionParser
{
    private const long MaxSeconds = 99999999;

    private PassState ParsePass(in StateContext c, CommonFields common) => new()
    {
        Common = common,
        Result = c.Get("Result"),
        Parameters = ReadTemplate(c.Get("Parameters"), c.PointerTo("Parameters")),
        ResultPath = ReadPathOrNull(c, "ResultPath", PathKind.Result),
    };

    private TaskState ParseTask(in StateContext c, CommonFields common, ScopeGraph scope)
    {
        if (!c.Has("Resource"))
            Report(DiagnosticCodes.MissingField, c.Pointer, "These fields are required: [Resource]");
        var resource = ReadString(c.Obj, c.Pointer, "Resource");
        if (resource is not null)
            CheckResource(resource, c.PointerTo("Resource"));

        CheckExclusive(c, "TimeoutSeconds", "TimeoutSecondsPath");
        CheckExclusive(c, "HeartbeatSeconds", "HeartbeatSecondsPath");
        var timeout = ReadIntegerOrExpression(c, "TimeoutSeconds", 1, MaxSeconds);
        var heartbeat = ReadIntegerOrExpression(c, "HeartbeatSeconds", 1, MaxSeconds);
        if (heartbeat is JNumber hb && timeout is JNumber to && hb.Value >= to.Value)
            Report(DiagnosticCodes.OutOfRange, c.PointerTo("HeartbeatSeconds"), "The field 'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'.");

        var credentials = c.Get("Credentials");
        if (credentials is not null)
        {
            if (c.IsJsonata)
                credentials = ReadJsonataObjectOrExpression(credentials, c.PointerTo("Credentials"), "Credentials");
            else if (credentials is JObject)
                ReadTemplate(credentials, c.PointerTo("Credentials"));
            else
                Report(DiagnosticCodes.InvalidType, c.PointerTo("Credentials"), "The field 'Credentials' must be an object.");
            if (credentials is JObject given)
                CheckCredentials(given, c.PointerTo("Credentials"), c.IsJsonata);
        }

        return new TaskState
        {
            Common = common,
            Resource = resource ?? "",
            Parameters = ReadTemplate(c.Get("Parameters"), c.PointerTo("Parameters")),
            Arguments = ReadJsonataObjectOrExpression(c.Get("Arguments"), c.PointerTo("Arguments"), "Arguments"),
            ResultSelector = ReadTemplate(c.Get("ResultSelector"), c.PointerTo("ResultSelector")),
            ResultPath = ReadPathOrNull(c, "ResultPath", PathKind.Result),
            TimeoutSeconds = timeout,
            TimeoutSecondsPath = ReadReferencePath(c, "TimeoutSecondsPath"),
            HeartbeatSeconds = heartbeat,
            HeartbeatSecondsPath = ReadReferencePath(c, "HeartbeatSecondsPath"),
            Credentials = credentials,
            Retry = ParseRetry(c),
            Catch = ParseCatch(c, scope),
        };
    }

    /// <summary>
    /// Credentials holds RoleArn and nothing else (JSONPath also RoleArn.$); AWS refuses anything else when the
    /// state machine is created, not when the Task runs (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html).
    /// </summary>
    private void CheckCredentials(JObject credentials, string pointer, bool jsonata)
    {
        var roleArns = 0;
        foreach (var (key, value) in credentials)
        {
            var at = JsonPointer.Append(pointer, key);
            if (key == "RoleArn" || (!jsonata && key == "RoleArn.$"))
            {
                roleArns++;
                if (value is not JString)
                    Report(DiagnosticCodes.InvalidType, at, "The field 'RoleArn' must be a string.");
            }
            else
            {
                Report(DiagnosticCodes.UnknownField, at, $"Field '{key}' is not supported in 'Credentials'.");
            }
        }

        if (roleArns == 0)
            Report(DiagnosticCodes.MissingField, pointer, "These fields are required: [RoleArn]");
        else if (roleArns > 1)
            Report(DiagnosticCodes.MutuallyExclusiveFields, pointer, "Only one of the fields [RoleArn, RoleArn.$] may be present.");
    }

    private void CheckResource(string resource, string pointer)
    {
        if (resource.Length == 0)
        {
            Report(DiagnosticCodes.InvalidValue, pointer, "The field 'Resource' must not be empty.");
            return;
        }

        if (IsJsonataExpression(resource))
        {
            Report(DiagnosticCodes.InvalidValue, pointer, "The field 'Resource' must be a constant URI, not a JSONata expression.");
            return;
        }

        if (!ResourceRules.IsArn(resource))
        {
            Report(DiagnosticCodes.InvalidResource, pointer, "Value is not a valid resource ARN");
            return;
        }

        var unrecognised = ResourceRules.CheckRecognised(resource);
        if (unrecognised is not null)
            Report(DiagnosticCodes.InvalidResource, pointer, unrecognised);
        if (_options.Express)
        {
            var express = ResourceRules.CheckExpress(resource);
            if (express is not null)
                Report(DiagnosticCodes.NotSupportedInExpress, pointer, express);
        }
    }

    private WaitState ParseWait(in StateContext c, CommonFields common)
    {
        var present = (c.Has("Seconds") ? 1 : 0) + (c.Has("SecondsPath") ? 1 : 0) + (c.Has("Timestamp") ? 1 : 0) + (c.Has("TimestampPath") ? 1 : 0);
        if (present == 0)
            Report(DiagnosticCodes.MissingField, c.Pointer, c.IsJsonata ? "One of the fields [Seconds, Timestamp] is required." : "One of the fields [Seconds, SecondsPath, Timestamp, TimestampPath] is required.");
        else if (present > 1)
            Report(DiagnosticCodes.MutuallyExclusiveFields, c.Pointer, "Only one of the fields [Seconds, SecondsPath, Timestamp, TimestampPath] may be present.");

        JValue? timestamp = c.Get("Timestamp");
        if (timestamp is not null)
        {
            var p = c.PointerTo("Timestamp");
            if (timestamp is not JString ts)
            {
                Report(DiagnosticCodes.InvalidType, p, "The field 'Timestamp' must be a string.");
                timestamp = null;
            }
            else if (c.IsJsonata && IsJsonataExpression(ts.Value))
            {
                CheckJsonataString(ts.Value, p);
            }
            else if (!Rfc3339.IsValid(ts.Value))
            {
                // Recorded AWS message (scenarios/*wait_timestamp_invalid*).
                Report(DiagnosticCodes.InvalidTimestamp, p, "String does not match RFC3339 timestamp");
            }
        }

        return new WaitState
        {
            Common = common,
            Seconds = ReadIntegerOrExpression(c, "Seconds", 0, MaxSeconds),
            SecondsPath = ReadReferencePath(c, "SecondsPath"),
            Timestamp = timestamp,
            TimestampPath = ReadReferencePath(c, "TimestampPath"),
        };
    }

    private static SucceedState ParseSucceed(in StateContext c, CommonFields common)
    {
        return new SucceedState
        {
            Common = common,
        };
    }

    private FailState ParseFail(in StateContext c, CommonFields common)
    {
        CheckExclusive(c, "Error", "ErrorPath");
        CheckExclusive(c, "Cause", "CausePath");
        return new FailState
        {
            Common = common,
            Error = ReadFailString(c, "Error"),
            ErrorPath = ReadReferencePath(c, "ErrorPath", allowIntrinsic: true),
            Cause = ReadFailString(c, "Cause"),
            CausePath = ReadReferencePath(c, "CausePath", allowIntrinsic: true),
        };
    }

    private JString? ReadFailString(in StateContext c, string field)
    {
        if (ReadTyped<JString>(c.Get(field), c.Pointer, field, "a string") is not { } s)
            return null;
        if (c.IsJsonata && IsJsonataExpression(s.Value))
            CheckJsonataString(s.Value, c.PointerTo(field));
        return s;
    }

    private ParallelState ParseParallel(in StateContext c, CommonFields common, ScopeGraph scope)
    {
        var branches = new List<StateMachineDefinition>();
        var p = c.PointerTo("Branches");
        // "Value cannot be empty" is AWS's recorded message (test_state/mock_validation/test_parallel_state_empty_branches).
        if (ReadRequiredArray(c, "Branches", "Value cannot be empty") is { } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var bp = JsonPointer.Append(p, i);
                if (array[i] is JObject branch)
                    branches.Add(ParseMachine(branch, bp, MachineKind.Branch));
                else
                    Report(DiagnosticCodes.InvalidType, bp, "Each branch must be an object with StartAt and States.");
            }
        }

        return new ParallelState
        {
            Common = common,
            Branches = branches,
            Parameters = ReadTemplate(c.Get("Parameters"), c.PointerTo("Parameters")),
            Arguments = ReadJsonataObjectOrExpression(c.Get("Arguments"), c.PointerTo("Arguments"), "Arguments"),
            ResultSelector = ReadTemplate(c.Get("ResultSelector"), c.PointerTo("ResultSelector")),
            ResultPath = ReadPathOrNull(c, "ResultPath", PathKind.Result),
            Retry = ParseRetry(c),
            Catch = ParseCatch(c, scope),
        };
    }

    private MapState ParseMap(in StateContext c, CommonFields common, ScopeGraph scope)
    {
        CheckExclusive(c, "ItemProcessor", "Iterator");
        CheckExclusive(c, "ItemSelector", "Parameters");
        CheckExclusive(c, "MaxConcurrency", "MaxConcurrencyPath");
        CheckExclusive(c, "ToleratedFailureCount", "ToleratedFailureCountPath");
        CheckExclusive(c, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");

        var usesIterator = !c.Has("ItemProcessor") && c.Has("Iterator");
        var processorField = usesIterator ? "Iterator" : "ItemProcessor";
        StateMachineDefinition? processor = null;
        var processorValue = c.Get(processorField);
        if (processorValue is null)
            Report(DiagnosticCodes.MissingField, c.Pointer, "These fields are required: [ItemProcessor]");
        else if (processorValue is JObject processorObj)
            processor = ParseMachine(processorObj, c.PointerTo(processorField), MachineKind.Processor);
        else
            Report(DiagnosticCodes.InvalidType, c.PointerTo(processorField), $"The field '{processorField}' must be an object with StartAt and States.");

        var itemSelector = c.Get("ItemSelector");
        if (itemSelector is not null)
        {
            if (c.IsJsonata)
                ReadJsonataValue(itemSelector, c.PointerTo("ItemSelector"));
            else
                ReadTemplate(itemSelector, c.PointerTo("ItemSelector"));
        }

        var percentage = c.Get("ToleratedFailurePercentage");
        if (percentage is not null)
            percentage = CheckPercentage(c, percentage);

        return new MapState
        {
            Common = common,
            ItemProcessor = processor ?? new StateMachineDefinition { StartAt = "", States = [], QueryLanguage = _machineLanguage, Pointer = c.PointerTo(processorField), Expressions = _expressions },
            UsesIterator = usesIterator,
            ItemsPath = ReadReferencePath(c, "ItemsPath"),
            Items = ReadJsonataObjectOrExpression(c.Get("Items"), c.PointerTo("Items"), "Items", allowArray: true),
            ItemSelector = itemSelector,
            Parameters = ReadTemplate(c.Get("Parameters"), c.PointerTo("Parameters")),
            ItemReader = ReadMapObject(c, "ItemReader", ItemReaderFields),
            ItemBatcher = ReadMapObject(c, "ItemBatcher", ItemBatcherFields),
            ResultWriter = ReadMapObject(c, "ResultWriter", ResultWriterFields),
            MaxConcurrency = ReadIntegerOrExpression(c, "MaxConcurrency", 0, int.MaxValue),
            MaxConcurrencyPath = ReadReferencePath(c, "MaxConcurrencyPath"),
            ToleratedFailureCount = ReadIntegerOrExpression(c, "ToleratedFailureCount", 0, int.MaxValue),
            ToleratedFailureCountPath = ReadReferencePath(c, "ToleratedFailureCountPath"),
            ToleratedFailurePercentage = percentage,
            ToleratedFailurePercentagePath = ReadReferencePath(c, "ToleratedFailurePercentagePath"),
            Label = c.Get("Label") is null ? null : ReadString(c.Obj, c.Pointer, "Label"),
            ResultSelector = ReadTemplate(c.Get("ResultSelector"), c.PointerTo("ResultSelector")),
            ResultPath = ReadPathOrNull(c, "ResultPath", PathKind.Result),
            Retry = ParseRetry(c),
            Catch = ParseCatch(c, scope),
        };
    }

    private JValue? CheckPercentage(in StateContext c, JValue value)
    {
        var p = c.PointerTo("ToleratedFailurePercentage");
        switch (value)
        {
            case JNumber n when n.Value is >= 0 and <= 100:
                return n;
            case JNumber:
                Report(DiagnosticCodes.OutOfRange, p, "ToleratedFailurePercentage must be between 0 and 100.");
                return null;
            case JString s when c.IsJsonata && IsJsonataExpression(s.Value):
                CheckJsonataString(s.Value, p);
                return s;
            default:
                Report(DiagnosticCodes.InvalidType, p, "The field 'ToleratedFailurePercentage' must be a number.");
                return null;
        }
    }
}
