using Quickstep.Asl.Validation;
using static Quickstep.Asl.Tests.Validation.DiagnosticAssert;

namespace Quickstep.Asl.Tests.Validation;

/// <summary>One invalid definition per validation rule: the right code at the right pointer.</summary>
public sealed class DefinitionValidationTests
{
    private const string Ok = "'A':{'Type':'Succeed'}";

    public static TheoryData<string, string, string, string> InvalidDefinitions() => new()
    {
        // Top level: missing, unknown, mistyped fields.
        { "missing StartAt", "{'States':{" + Ok + "}}", DiagnosticCodes.MissingField, "" },
        { "missing States", "{'StartAt':'A'}", DiagnosticCodes.MissingField, "" },
        { "unknown top-level field", "{'StartAt':'A','States':{" + Ok + "},'Foo':1}", DiagnosticCodes.UnknownField, "/Foo" },
        { "StartAt not a string", "{'StartAt':1,'States':{" + Ok + "}}", DiagnosticCodes.InvalidType, "/StartAt" },
        { "States not an object", "{'StartAt':'A','States':[]}", DiagnosticCodes.InvalidType, "/States" },
        { "Version not 1.0", "{'Version':'2.0','StartAt':'A','States':{" + Ok + "}}", DiagnosticCodes.InvalidValue, "/Version" },
        { "machine TimeoutSeconds negative", "{'TimeoutSeconds':-1,'StartAt':'A','States':{" + Ok + "}}", DiagnosticCodes.OutOfRange, "/TimeoutSeconds" },
        { "unknown QueryLanguage", "{'QueryLanguage':'XPath','StartAt':'A','States':{" + Ok + "}}", DiagnosticCodes.InvalidValue, "/QueryLanguage" },

        // States: shape, Type, fields.
        { "state not an object", "{'StartAt':'A','States':{'A':1}}", DiagnosticCodes.InvalidType, "/States/A" },
        { "state without Type", "{'StartAt':'A','States':{'A':{'End':true}}}", DiagnosticCodes.MissingField, "/States/A" },
        { "unknown state Type", "{'StartAt':'A','States':{'A':{'Type':'Sleep','End':true}}}", DiagnosticCodes.InvalidValue, "/States/A/Type" },
        { "unknown state field", "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Foo':1}}}", DiagnosticCodes.UnknownField, "/States/A/Foo" },
        { "Retry on Pass", "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Retry':[]}}}", DiagnosticCodes.FieldNotAllowed, "/States/A/Retry" },
        { "Result on Task", "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Result':1}}}", DiagnosticCodes.FieldNotAllowed, "/States/A/Result" },
        { "InputPath on Fail", "{'StartAt':'A','States':{'A':{'Type':'Fail','InputPath':'$'}}}", DiagnosticCodes.FieldNotAllowed, "/States/A/InputPath" },
        { "Assign on Succeed", "{'StartAt':'A','States':{'A':{'Type':'Succeed','Assign':{'x':1}}}}", DiagnosticCodes.FieldNotAllowed, "/States/A/Assign" },
        { "Comment not a string", "{'StartAt':'A','States':{'A':{'Type':'Succeed','Comment':1}}}", DiagnosticCodes.InvalidType, "/States/A/Comment" },
        { "End not a boolean", "{'StartAt':'A','States':{'A':{'Type':'Pass','End':'yes'}}}", DiagnosticCodes.InvalidType, "/States/A/End" },

        // Query language.
        { "InputPath in a JSONata state", "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','End':true,'InputPath':'$'}}}", DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/A/InputPath" },
        { "ItemsPath in a JSONata Map", "{'StartAt':'M','States':{'M':{'Type':'Map','QueryLanguage':'JSONata','End':true,'ItemsPath':'$.a','ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}}}}", DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/M/ItemsPath" },
        { "Arguments in a JSONPath state", "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Arguments':{}}}}", DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/A/Arguments" },
        { "Output in a JSONPath state", "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Output':{}}}}", DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/A/Output" },
        { "SecondsPath in a JSONata Wait", "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Wait','End':true,'SecondsPath':'$.s'}}}", DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/A/SecondsPath" },
        { "JSONPath state in a JSONata machine", "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','QueryLanguage':'JSONPath','End':true}}}", DiagnosticCodes.QueryLanguageConflict, "/States/A" },
        { "Catcher ResultPath in JSONata", "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Catch':[{'ErrorEquals':['States.ALL'],'Next':'T','ResultPath':'$.e'}]}}}", DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/T/Catch/0/ResultPath" },

        // Transitions and scopes.
        { "StartAt names no state", "{'StartAt':'Nope','States':{" + Ok + "}}", DiagnosticCodes.NoSuchState, "/StartAt" },
        { "Next names no state", "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Nope'}}}", DiagnosticCodes.NoSuchState, "/States/A/Next" },
        { "Default names no state", "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true,'Next':'D'}],'Default':'Nope'},'D':{'Type':'Succeed'}}}", DiagnosticCodes.NoSuchState, "/States/C/Default" },
        { "Choice rule Next names no state", "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true,'Next':'Nope'}],'Default':'D'},'D':{'Type':'Succeed'}}}", DiagnosticCodes.NoSuchState, "/States/C/Choices/0/Next" },
        { "Catch Next names no state", "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Nope'}]}}}", DiagnosticCodes.NoSuchState, "/States/T/Catch/0/Next" },
        { "branch state transitions out of its branch", "{'StartAt':'P','States':{'P':{'Type':'Parallel','Next':'Z','Branches':[{'StartAt':'B','States':{'B':{'Type':'Pass','Next':'Z'}}}]},'Z':{'Type':'Succeed'}}}", DiagnosticCodes.TransitionOutOfScope, "/States/P/Branches/0/States/B/Next" },
        { "outer state transitions into a Map processor", "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'X'},'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}}}}", DiagnosticCodes.TransitionOutOfScope, "/States/A/Next" },
        { "loop without a terminal state", "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'}}}", DiagnosticCodes.MissingEndState, "" },
        { "branch without a terminal state", "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'B','States':{'B':{'Type':'Wait','Seconds':1,'Next':'B'}}}]}}}", DiagnosticCodes.MissingEndState, "/States/P/Branches/0" },
        { "unreachable state", "{'StartAt':'A','States':{" + Ok + ",'B':{'Type':'Succeed'}}}", DiagnosticCodes.UnreachableState, "/States/B" },
        { "unreachable state in a branch", "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'B','States':{'B':{'Type':'Succeed'},'C':{'Type':'Succeed'}}}]}}}", DiagnosticCodes.UnreachableState, "/States/P/Branches/0/States/C" },
        { "state name reused in a branch", "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'P','States':{'P':{'Type':'Succeed'}}}]}}}", DiagnosticCodes.DuplicateStateName, "/States/P/Branches/0/States/P" },
        { "state name reused in two Map processors", "{'StartAt':'M','States':{'M':{'Type':'Map','Next':'N','ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}},'N':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}}}}", DiagnosticCodes.DuplicateStateName, "/States/N/ItemProcessor/States/X" },
        { "state name longer than 80", "{'StartAt':'" + new string('n', 81) + "','States':{'" + new string('n', 81) + "':{'Type':'Succeed'}}}", DiagnosticCodes.InvalidStateName, "/States/" + new string('n', 81) },

        // Next/End and terminal rules.
        { "Next and End together", "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}}}", DiagnosticCodes.MutuallyExclusiveFields, "/States/A" },
        { "neither Next nor End", "{'StartAt':'A','States':{'A':{'Type':'Pass'}}}", DiagnosticCodes.MissingTransition, "/States/A" },
        { "End false without Next", "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':1,'End':false}}}", DiagnosticCodes.MissingTransition, "/States/A" },
        { "End on Choice", "{'StartAt':'C','States':{'C':{'Type':'Choice','End':true,'Choices':[{'Variable':'$.a','IsPresent':true,'Next':'D'}]},'D':{'Type':'Succeed'}}}", DiagnosticCodes.FieldNotAllowed, "/States/C/End" },
        { "Next on Succeed", "{'StartAt':'A','States':{'A':{'Type':'Succeed','Next':'B'},'B':{'Type':'Succeed'}}}", DiagnosticCodes.FieldNotAllowed, "/States/A/Next" },
        { "End on Fail", "{'StartAt':'A','States':{'A':{'Type':'Fail','End':true}}}", DiagnosticCodes.FieldNotAllowed, "/States/A/End" },

        // Choice rules.
        { "Choices missing", "{'StartAt':'C','States':{'C':{'Type':'Choice','Default':'D'},'D':{'Type':'Succeed'}}}", DiagnosticCodes.MissingField, "/States/C" },
        { "Choices empty", "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[],'Default':'D'},'D':{'Type':'Succeed'}}}", DiagnosticCodes.EmptyArray, "/States/C/Choices" },
        { "two comparison operators", Choice("{'Variable':'$.a','StringEquals':'x','IsPresent':true,'Next':'D'}"), DiagnosticCodes.MultipleComparisonOperators, "/States/C/Choices/0" },
        { "comparison operator and And", Choice("{'Variable':'$.a','IsPresent':true,'And':[{'Variable':'$.b','IsNull':false}],'Next':'D'}"), DiagnosticCodes.MultipleComparisonOperators, "/States/C/Choices/0" },
        { "no comparison operator", Choice("{'Variable':'$.a','Next':'D'}"), DiagnosticCodes.MissingComparisonOperator, "/States/C/Choices/0" },
        { "no Variable", Choice("{'StringEquals':'x','Next':'D'}"), DiagnosticCodes.MissingField, "/States/C/Choices/0" },
        { "Variable not a path", Choice("{'Variable':'a','StringEquals':'x','Next':'D'}"), DiagnosticCodes.InvalidPath, "/States/C/Choices/0/Variable" },
        { "top-level rule without Next", Choice("{'Variable':'$.a','IsPresent':true}"), DiagnosticCodes.MissingField, "/States/C/Choices/0" },
        { "Next inside And", Choice("{'And':[{'Variable':'$.a','IsPresent':true,'Next':'D'}],'Next':'D'}"), DiagnosticCodes.FieldNotAllowed, "/States/C/Choices/0/And/0/Next" },
        { "And empty", Choice("{'And':[],'Next':'D'}"), DiagnosticCodes.EmptyArray, "/States/C/Choices/0/And" },
        { "Or not an array", Choice("{'Or':{'Variable':'$.a','IsPresent':true},'Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/Or" },
        { "Not an array", Choice("{'Not':[{'Variable':'$.a','IsPresent':true}],'Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/Not" },
        { "nested rule without operator", Choice("{'Not':{'Variable':'$.a'},'Next':'D'}"), DiagnosticCodes.MissingComparisonOperator, "/States/C/Choices/0/Not" },
        { "StringEquals with a number", Choice("{'Variable':'$.a','StringEquals':1,'Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/StringEquals" },
        { "StringMatches with a number", Choice("{'Variable':'$.a','StringMatches':1,'Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/StringMatches" },
        { "NumericEquals with a string", Choice("{'Variable':'$.a','NumericEquals':'1','Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/NumericEquals" },
        { "BooleanEquals with a string", Choice("{'Variable':'$.a','BooleanEquals':'true','Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/BooleanEquals" },
        { "TimestampEquals not RFC 3339", Choice("{'Variable':'$.a','TimestampEquals':'2016-03-14 01:59:00Z','Next':'D'}"), DiagnosticCodes.InvalidTimestamp, "/States/C/Choices/0/TimestampEquals" },
        { "TimestampLessThan with a number", Choice("{'Variable':'$.a','TimestampLessThan':1,'Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/TimestampLessThan" },
        { "StringEqualsPath not a path", Choice("{'Variable':'$.a','StringEqualsPath':'b','Next':'D'}"), DiagnosticCodes.InvalidPath, "/States/C/Choices/0/StringEqualsPath" },
        { "NumericEqualsPath with a number", Choice("{'Variable':'$.a','NumericEqualsPath':1,'Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/NumericEqualsPath" },
        { "IsNull with a string", Choice("{'Variable':'$.a','IsNull':'yes','Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/IsNull" },
        { "unknown operator", Choice("{'Variable':'$.a','StringContains':'x','Next':'D'}"), DiagnosticCodes.UnknownField, "/States/C/Choices/0/StringContains" },
        { "Condition in a JSONPath rule", Choice("{'Condition':true,'Next':'D'}"), DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/C/Choices/0/Condition" },
        { "JSONata rule without Condition", JsonataChoice("{'Next':'D'}"), DiagnosticCodes.MissingField, "/States/C/Choices/0" },
        { "JSONata rule with Variable", JsonataChoice("{'Condition':true,'Variable':'$.a','Next':'D'}"), DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/C/Choices/0/Variable" },
        { "JSONata Condition a number", JsonataChoice("{'Condition':1,'Next':'D'}"), DiagnosticCodes.InvalidType, "/States/C/Choices/0/Condition" },

        // Retry and Catch.
        { "ErrorEquals missing", Task("'Retry':[{'MaxAttempts':1}]"), DiagnosticCodes.MissingField, "/States/T/Retry/0" },
        { "ErrorEquals empty", Task("'Retry':[{'ErrorEquals':[]}]"), DiagnosticCodes.EmptyArray, "/States/T/Retry/0/ErrorEquals" },
        { "ErrorEquals item not a string", Task("'Retry':[{'ErrorEquals':[1]}]"), DiagnosticCodes.InvalidType, "/States/T/Retry/0/ErrorEquals/0" },
        { "States.ALL not alone", Task("'Retry':[{'ErrorEquals':['States.ALL','X']}]"), DiagnosticCodes.StatesAllNotAlone, "/States/T/Retry/0/ErrorEquals" },
        { "States.ALL retrier not last", Task("'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]"), DiagnosticCodes.StatesAllNotLast, "/States/T/Retry/0/ErrorEquals" },
        { "States.ALL catcher not last", Task("'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Z'},{'ErrorEquals':['X'],'Next':'Z'}]"), DiagnosticCodes.StatesAllNotLast, "/States/T/Catch/0/ErrorEquals" },
        { "IntervalSeconds zero", Task("'Retry':[{'ErrorEquals':['X'],'IntervalSeconds':0}]"), DiagnosticCodes.OutOfRange, "/States/T/Retry/0/IntervalSeconds" },
        { "IntervalSeconds fractional", Task("'Retry':[{'ErrorEquals':['X'],'IntervalSeconds':1.5}]"), DiagnosticCodes.OutOfRange, "/States/T/Retry/0/IntervalSeconds" },
        { "MaxAttempts negative", Task("'Retry':[{'ErrorEquals':['X'],'MaxAttempts':-1}]"), DiagnosticCodes.OutOfRange, "/States/T/Retry/0/MaxAttempts" },
        { "MaxAttempts a string", Task("'Retry':[{'ErrorEquals':['X'],'MaxAttempts':'3'}]"), DiagnosticCodes.InvalidType, "/States/T/Retry/0/MaxAttempts" },
        { "BackoffRate below 1", Task("'Retry':[{'ErrorEquals':['X'],'BackoffRate':0.5}]"), DiagnosticCodes.OutOfRange, "/States/T/Retry/0/BackoffRate" },
        { "MaxDelaySeconds zero", Task("'Retry':[{'ErrorEquals':['X'],'MaxDelaySeconds':0}]"), DiagnosticCodes.OutOfRange, "/States/T/Retry/0/MaxDelaySeconds" },
        { "JitterStrategy unknown", Task("'Retry':[{'ErrorEquals':['X'],'JitterStrategy':'HALF'}]"), DiagnosticCodes.InvalidValue, "/States/T/Retry/0/JitterStrategy" },
        { "unknown Retrier field", Task("'Retry':[{'ErrorEquals':['X'],'Next':'Z'}]"), DiagnosticCodes.UnknownField, "/States/T/Retry/0/Next" },
        { "Retry not an array", Task("'Retry':{'ErrorEquals':['X']}"), DiagnosticCodes.InvalidType, "/States/T/Retry" },
        { "Catcher without Next", Task("'Catch':[{'ErrorEquals':['X']}]"), DiagnosticCodes.MissingField, "/States/T/Catch/0" },
        { "Catcher ResultPath on the context", Task("'Catch':[{'ErrorEquals':['X'],'Next':'Z','ResultPath':'$$.x'}]"), DiagnosticCodes.InvalidReferencePath, "/States/T/Catch/0/ResultPath" },

        // Mutually exclusive fields.
        { "Seconds and Timestamp", "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'Timestamp':'2016-03-14T01:59:00Z','End':true}}}", DiagnosticCodes.MutuallyExclusiveFields, "/States/W" },
        { "Seconds and SecondsPath", "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}}}", DiagnosticCodes.MutuallyExclusiveFields, "/States/W" },
        { "Wait with no duration", "{'StartAt':'W','States':{'W':{'Type':'Wait','End':true}}}", DiagnosticCodes.MissingField, "/States/W" },
        { "TimeoutSeconds and TimeoutSecondsPath", Task("'TimeoutSeconds':5,'TimeoutSecondsPath':'$.t'"), DiagnosticCodes.MutuallyExclusiveFields, "/States/T" },
        { "HeartbeatSeconds and HeartbeatSecondsPath", Task("'HeartbeatSeconds':5,'HeartbeatSecondsPath':'$.t'"), DiagnosticCodes.MutuallyExclusiveFields, "/States/T" },
        { "Error and ErrorPath", "{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'E','ErrorPath':'$.e'}}}", DiagnosticCodes.MutuallyExclusiveFields, "/States/F" },
        { "Cause and CausePath", "{'StartAt':'F','States':{'F':{'Type':'Fail','Cause':'C','CausePath':'$.c'}}}", DiagnosticCodes.MutuallyExclusiveFields, "/States/F" },
        { "ItemProcessor and Iterator", Map("'Iterator':{'StartAt':'Y','States':{'Y':{'Type':'Succeed'}}}"), DiagnosticCodes.MutuallyExclusiveFields, "/States/M" },
        { "ItemSelector and Parameters on Map", Map("'ItemSelector':{},'Parameters':{}"), DiagnosticCodes.MutuallyExclusiveFields, "/States/M" },
        { "MaxConcurrency and MaxConcurrencyPath", Map("'MaxConcurrency':1,'MaxConcurrencyPath':'$.m'"), DiagnosticCodes.MutuallyExclusiveFields, "/States/M" },
        { "ToleratedFailureCount and its Path", Map("'ToleratedFailureCount':1,'ToleratedFailureCountPath':'$.m'"), DiagnosticCodes.MutuallyExclusiveFields, "/States/M" },
        { "ToleratedFailurePercentage and its Path", Map("'ToleratedFailurePercentage':1,'ToleratedFailurePercentagePath':'$.m'"), DiagnosticCodes.MutuallyExclusiveFields, "/States/M" },

        // Numeric bounds and types.
        { "TimeoutSeconds zero", Task("'TimeoutSeconds':0"), DiagnosticCodes.OutOfRange, "/States/T/TimeoutSeconds" },
        { "TimeoutSeconds fractional", Task("'TimeoutSeconds':1.5"), DiagnosticCodes.OutOfRange, "/States/T/TimeoutSeconds" },
        { "TimeoutSeconds a string in JSONPath", Task("'TimeoutSeconds':'10'"), DiagnosticCodes.InvalidType, "/States/T/TimeoutSeconds" },
        { "HeartbeatSeconds not below TimeoutSeconds", Task("'TimeoutSeconds':10,'HeartbeatSeconds':10"), DiagnosticCodes.OutOfRange, "/States/T/HeartbeatSeconds" },
        { "Wait Seconds negative", "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':-1,'End':true}}}", DiagnosticCodes.OutOfRange, "/States/W/Seconds" },
        { "Wait Timestamp not RFC 3339", "{'StartAt':'W','States':{'W':{'Type':'Wait','Timestamp':'2016-12-05T21:29:29','End':true}}}", DiagnosticCodes.InvalidTimestamp, "/States/W/Timestamp" },
        { "MaxConcurrency negative", Map("'MaxConcurrency':-1"), DiagnosticCodes.OutOfRange, "/States/M/MaxConcurrency" },
        { "ToleratedFailureCount negative", Map("'ToleratedFailureCount':-1"), DiagnosticCodes.OutOfRange, "/States/M/ToleratedFailureCount" },
        { "ToleratedFailurePercentage above 100", Map("'ToleratedFailurePercentage':101"), DiagnosticCodes.OutOfRange, "/States/M/ToleratedFailurePercentage" },
        { "Map without ItemProcessor", "{'StartAt':'M','States':{'M':{'Type':'Map','End':true}}}", DiagnosticCodes.MissingField, "/States/M" },
        { "ProcessorConfig Mode unknown", "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{'ProcessorConfig':{'Mode':'FAST'},'StartAt':'X','States':{'X':{'Type':'Succeed'}}}}}}", DiagnosticCodes.InvalidValue, "/States/M/ItemProcessor/ProcessorConfig/Mode" },
        { "QueryLanguage inside a branch", "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'QueryLanguage':'JSONata','StartAt':'B','States':{'B':{'Type':'Succeed'}}}]}}}", DiagnosticCodes.UnknownField, "/States/P/Branches/0/QueryLanguage" },
        { "Branches missing", "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true}}}", DiagnosticCodes.MissingField, "/States/P" },
        { "Branches empty", "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[]}}}", DiagnosticCodes.EmptyArray, "/States/P/Branches" },
        { "Resource missing", "{'StartAt':'T','States':{'T':{'Type':'Task','End':true}}}", DiagnosticCodes.MissingField, "/States/T" },
        { "Resource a JSONata expression", "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'{% $r %}','End':true}}}", DiagnosticCodes.InvalidValue, "/States/T/Resource" },
        { "JSONata Credentials without RoleArn", "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Credentials':{'Role':'arn:aws:iam::123456789012:role/r'}}}}", DiagnosticCodes.UnknownField, "/States/T/Credentials/Role" },
        { "JSONata Credentials with a JSONPath key", "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Credentials':{'RoleArn.$':'$.r'}}}}", DiagnosticCodes.UnknownField, "/States/T/Credentials/RoleArn.$" },
        { "Credentials RoleArn a number", "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Credentials':{'RoleArn':1}}}}", DiagnosticCodes.InvalidType, "/States/T/Credentials/RoleArn" },
        { "Resource an unreplaced template variable", "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'${LambdaArn}','End':true}}}", DiagnosticCodes.InvalidResource, "/States/T/Resource" },
        { "Resource a function name, not an ARN", "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'my-function','End':true}}}", DiagnosticCodes.InvalidResource, "/States/T/Resource" },
        { "Resource an ARN without its resource part", "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:','End':true}}}", DiagnosticCodes.InvalidResource, "/States/T/Resource" },
        { "unknown optimized integration action", "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:query','End':true}}}", DiagnosticCodes.InvalidResource, "/States/T/Resource" },
        { "JSONata TimeoutSeconds a plain string", "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'TimeoutSeconds':'ten'}}}", DiagnosticCodes.InvalidType, "/States/T/TimeoutSeconds" },
        { "JSONata Arguments a number", "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Arguments':1}}}", DiagnosticCodes.InvalidType, "/States/T/Arguments" },
        { "JSONata Items a number", "{'QueryLanguage':'JSONata','StartAt':'M','States':{'M':{'Type':'Map','End':true,'Items':1,'ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}}}}", DiagnosticCodes.InvalidType, "/States/M/Items" },

        // Paths and reference paths (the checks that need no JSONPath parser).
        { "InputPath not a path", Pass("'InputPath':'a.b'"), DiagnosticCodes.InvalidPath, "/States/A/InputPath" },
        { "OutputPath a number", Pass("'OutputPath':1"), DiagnosticCodes.InvalidType, "/States/A/OutputPath" },
        { "ResultPath on the context object", Pass("'ResultPath':'$$.Execution'"), DiagnosticCodes.InvalidReferencePath, "/States/A/ResultPath" },
        { "ResultPath on a variable", Pass("'ResultPath':'$var.x'"), DiagnosticCodes.InvalidReferencePath, "/States/A/ResultPath" },
        { "ItemsPath not a path", Map("'ItemsPath':'items'"), DiagnosticCodes.InvalidPath, "/States/M/ItemsPath" },
        { "SecondsPath not a path", "{'StartAt':'W','States':{'W':{'Type':'Wait','SecondsPath':'s','End':true}}}", DiagnosticCodes.InvalidPath, "/States/W/SecondsPath" },
        { "ErrorPath neither path nor intrinsic", "{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'oops'}}}", DiagnosticCodes.InvalidPath, "/States/F/ErrorPath" },

        // Payload templates.
        { "template value neither path nor intrinsic", Pass("'Parameters':{'a.$':'hello'}"), DiagnosticCodes.InvalidTemplateValue, "/States/A/Parameters/a.$" },
        { "template value not a string", Pass("'Parameters':{'a.$':1}"), DiagnosticCodes.InvalidType, "/States/A/Parameters/a.$" },
        { "template path value not a path in ResultSelector", Task("'ResultSelector':{'a.$':'x.y'}"), DiagnosticCodes.InvalidTemplateValue, "/States/T/ResultSelector/a.$" },
        { "template keys equal once .$ is stripped", Pass("'Parameters':{'a':1,'a.$':'$.x'}"), DiagnosticCodes.DuplicateTemplateKey, "/States/A/Parameters/a.$" },
        { "nested template keys equal once .$ is stripped", Task("'ResultSelector':{'o':[{'b.$':'$.b','b':2}]}"), DiagnosticCodes.DuplicateTemplateKey, "/States/T/ResultSelector/o/0/b" },
        { "ItemSelector template value", Map("'ItemSelector':{'v.$':'value'}"), DiagnosticCodes.InvalidTemplateValue, "/States/M/ItemSelector/v.$" },
        { "Credentials template value", Task("'Credentials':{'RoleArn.$':'role'}"), DiagnosticCodes.InvalidTemplateValue, "/States/T/Credentials/RoleArn.$" },
        { "Assign template value", Pass("'Assign':{'x.$':'nope'}"), DiagnosticCodes.InvalidTemplateValue, "/States/A/Assign/x.$" },

        // Assign variable names.
        { "variable name starting with a digit", Pass("'Assign':{'1x':1}"), DiagnosticCodes.InvalidVariableName, "/States/A/Assign/1x" },
        { "variable name with a hyphen", Pass("'Assign':{'a-b.$':'$.x'}"), DiagnosticCodes.InvalidVariableName, "/States/A/Assign/a-b.$" },
        { "variable named states", Pass("'Assign':{'states':1}"), DiagnosticCodes.InvalidVariableName, "/States/A/Assign/states" },
        { "variable name longer than 80", Pass("'Assign':{'" + new string('v', 81) + "':1}"), DiagnosticCodes.InvalidVariableName, "/States/A/Assign/" + new string('v', 81) },
        { "Assign not an object", Pass("'Assign':[1]"), DiagnosticCodes.InvalidType, "/States/A/Assign" },
        { "JSONata variable named states in a Catcher", "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'Catch':[{'ErrorEquals':['States.ALL'],'Next':'T','Assign':{'states':1}}]}}}", DiagnosticCodes.InvalidVariableName, "/States/T/Catch/0/Assign/states" },

        // Express restrictions (recorded in cases/api/*illegal_callbacks*).
        { "Express .sync", TaskResource("arn:aws:states:::states:startExecution.sync"), DiagnosticCodes.NotSupportedInExpress, "/States/T/Resource" },
        { "Express .sync:2", TaskResource("arn:aws:states:::states:startExecution.sync:2"), DiagnosticCodes.NotSupportedInExpress, "/States/T/Resource" },
        { "Express .waitForTaskToken", TaskResource("arn:aws:states:::sns:publish.waitForTaskToken"), DiagnosticCodes.NotSupportedInExpress, "/States/T/Resource" },
        { "Express activity", TaskResource("arn:aws:states:us-east-1:123456789012:activity:work"), DiagnosticCodes.NotSupportedInExpress, "/States/T/Resource" },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void Load_InvalidDefinition_ReportsCodeAtPointer(string rule, string json, string code, string pointer)
    {
        Assert.NotNull(rule);
        var result = Load(json);
        Assert.NotNull(result.Definition);
        Has(result, code, pointer);
    }

    [Theory]
    [InlineData("arn:aws:states:::states:startExecution.sync")]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:work")]
    public void Load_CallbackResourceInStandard_HasNoDiagnostics(string resource)
    {
        None(Load(TaskResource(resource), express: false));
    }

    [Fact]
    public void Load_ExpressWaitForTaskToken_UsesAwsWording()
    {
        var result = Load(TaskResource("arn:aws:states:::sns:publish.waitForTaskToken"));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("Express state machine does not support '.waitForTaskToken' service integration ", d.Message);
    }

    [Fact]
    public void Load_ManyProblems_ReportsEveryOne()
    {
        var result = Load("{'StartAt':'A','States':{'A':{'Type':'Pass','Foo':1},'B':{'Type':'Task','End':true,'Retry':[{'ErrorEquals':[]}]},'C':{'Type':'Wait','Seconds':-5,'Next':'Nope'}}}");
        Has(result, DiagnosticCodes.UnknownField, "/States/A/Foo");
        Has(result, DiagnosticCodes.MissingTransition, "/States/A");
        Has(result, DiagnosticCodes.MissingField, "/States/B");
        Has(result, DiagnosticCodes.EmptyArray, "/States/B/Retry/0/ErrorEquals");
        Has(result, DiagnosticCodes.OutOfRange, "/States/C/Seconds");
        Has(result, DiagnosticCodes.NoSuchState, "/States/C/Next");
        Has(result, DiagnosticCodes.UnreachableState, "/States/B");
        Has(result, DiagnosticCodes.UnreachableState, "/States/C");
    }

    [Fact]
    public void Load_LoopWithUnreachableTerminal_ReportsUnreachableNotMissingEnd()
    {
        // Measured on AWS: adding an unreachable terminal to a bare loop turns MISSING_END_STATE into "not reachable".
        var result = Load("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'},'C':{'Type':'Pass','End':true}}}");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnreachableState, "/States/C", "State \"C\" is not reachable."), (d.Code, d.Pointer, d.Message));
    }

    [Fact]
    public void Load_FieldMessages_UseAwsWording()
    {
        var result = Load("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Output':{},'Retry':[]}}}");
        Has(result, DiagnosticCodes.FieldNotAllowedForQueryLanguage, "/States/A/Output");
        Has(result, DiagnosticCodes.FieldNotAllowed, "/States/A/Retry");
        Assert.Contains(result.Diagnostics, d => d.Message == "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage");
        Assert.Contains(result.Diagnostics, d => d.Message == "Field 'Retry' is not supported");
    }

    [Fact]
    public void Load_StateNameWithSlashAndTilde_EscapesPointer()
    {
        var result = Load("{'StartAt':'a/b~c','States':{'a/b~c':{'Type':'Pass','Next':'x'}}}");
        Has(result, DiagnosticCodes.NoSuchState, "/States/a~1b~0c/Next");
    }

    [Fact]
    public void Load_UnknownStateType_DoesNotReportUnreachableSuccessors()
    {
        var result = Load("{'StartAt':'A','States':{'A':{'Type':'Nope','Next':'B'},'B':{'Type':'Succeed'}}}");
        Has(result, DiagnosticCodes.InvalidValue, "/States/A/Type");
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.UnreachableState);
    }

    [Fact]
    public void Load_MissingStates_ReportsOnlyTheMissingField()
    {
        var result = Load("{'StartAt':'A'}");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("These fields are required: [States]", d.Message);
    }

    [Theory]
    [InlineData("2016-03-14T01:59:00Z")]
    [InlineData("2016-03-14T01:59:00.123456789Z")]
    [InlineData("2016-03-14T01:59:00+01:00")]
    [InlineData("2016-02-29T00:00:00-08:30")]
    public void Load_ValidTimestamp_HasNoDiagnostics(string timestamp)
    {
        None(Load("{'StartAt':'W','States':{'W':{'Type':'Wait','Timestamp':'" + timestamp + "','End':true}}}"));
    }

    [Theory]
    [InlineData("2016-03-14t01:59:00Z")]
    [InlineData("2016-03-14T01:59:00z")]
    [InlineData("2015-02-29T00:00:00Z")]
    [InlineData("2016-03-14T24:00:00Z")]
    [InlineData("2016-03-14T01:59:00.Z")]
    [InlineData("2016-03-14")]
    public void Load_InvalidTimestamp_ReportsInvalidTimestamp(string timestamp)
    {
        Has(Load("{'StartAt':'W','States':{'W':{'Type':'Wait','Timestamp':'" + timestamp + "','End':true}}}"), DiagnosticCodes.InvalidTimestamp, "/States/W/Timestamp");
    }

    [Fact]
    public void Load_JsonataMachineWithJsonataFields_HasNoDiagnostics()
    {
        None(Load("""
            {'QueryLanguage':'JSONata','StartAt':'T','States':{
              'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Arguments':{'FunctionName':'f','Payload':'{% $states.input %}'},
                   'TimeoutSeconds':'{% 5 %}','Output':'{% $states.result %}','Assign':{'x':'{% 1 %}'},'Next':'C',
                   'Catch':[{'ErrorEquals':['States.ALL'],'Output':{'e':'{% $states.errorOutput %}'},'Next':'F'}]},
              'C':{'Type':'Choice','Choices':[{'Condition':'{% $x = 1 %}','Next':'W','Assign':{'y':2}}],'Default':'F'},
              'W':{'Type':'Wait','Seconds':'{% 1 %}','Next':'M'},
              'M':{'Type':'Map','Items':'{% [1,2] %}','ItemSelector':{'v':'{% $states.context.Map.Item.Value %}'},'MaxConcurrency':'{% 2 %}',
                   'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},'Next':'S'},
              'S':{'Type':'Succeed','Output':'{% $x %}'},
              'F':{'Type':'Fail','Error':'{% \u0027E\u0027 %}','Cause':'c'}}}
            """));
    }

    [Fact]
    public void Load_PerStateJsonataInJsonPathMachine_HasNoDiagnostics()
    {
        None(Load("{'StartAt':'A','States':{'A':{'Type':'Pass','QueryLanguage':'JSONata','Output':{'a':'{% 1 %}'},'Next':'B'},'B':{'Type':'Pass','InputPath':'$.a','End':true}}}"));
    }

    private static string Choice(string rule) =>
        "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[" + rule + "],'Default':'D'},'D':{'Type':'Succeed'}}}";

    private static string JsonataChoice(string rule) =>
        "{'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':'Choice','Choices':[" + rule + "],'Default':'D'},'D':{'Type':'Succeed'}}}";

    private static string Task(string fields) =>
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'Z'," + fields + "},'Z':{'Type':'Succeed'}}}";

    private static string TaskResource(string resource) =>
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + resource + "','End':true}}}";

    private static string Pass(string fields) =>
        "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true," + fields + "}}}";

    private static string Map(string fields) =>
        "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}," + fields + "}}}";
}
