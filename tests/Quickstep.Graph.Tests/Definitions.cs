namespace Quickstep.Graph.Tests;

/// <summary>Definitions the graph and overlay tests share.</summary>
internal static class Definitions
{
    /// <summary>Every construct: Choice (rule + default), Task with Retry and Catch, Parallel with two branches, Map holding a Parallel, Wait, Fail, Succeed.</summary>
    public const string Everything = """
    {
      "StartAt": "Check",
      "States": {
        "Check": {
          "Type": "Choice",
          "Choices": [
            { "Variable": "$.total", "NumericGreaterThan": 100, "Next": "Charge" },
            { "And": [ { "Variable": "$.vip", "BooleanEquals": true }, { "Not": { "Variable": "$.blocked", "IsPresent": true } } ], "Next": "Par" }
          ],
          "Default": "Reject"
        },
        "Charge": {
          "Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
          "Retry": [ { "ErrorEquals": ["States.ALL"], "MaxAttempts": 3 } ],
          "Catch": [ { "ErrorEquals": ["Declined", "States.Timeout"], "Next": "Reject" } ],
          "Next": "Par"
        },
        "Par": {
          "Type": "Parallel",
          "Branches": [
            { "StartAt": "A", "States": { "A": { "Type": "Wait", "Seconds": 5, "Next": "B" }, "B": { "Type": "Pass", "End": true } } },
            { "StartAt": "Items", "States": {
                "Items": { "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                  "ItemProcessor": { "StartAt": "Inner", "States": {
                    "Inner": { "Type": "Parallel", "Branches": [ { "StartAt": "Deep", "States": { "Deep": { "Type": "Pass", "End": true } } } ], "End": true } } },
                  "End": true } } }
          ],
          "Next": "Done"
        },
        "Done": { "Type": "Succeed" },
        "Reject": { "Type": "Fail", "Error": "Rejected", "Cause": "no" }
      }
    }
    """;
}
