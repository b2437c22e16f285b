using System.Text.RegularExpressions;
using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Parsing;
using Quickstep.Asl.Paths;
using Quickstep.Jsonata;

namespace Quickstep.Engine.Tests;

/// <summary>One load parses every path, intrinsic call and JSONata expression of a definition exactly once (issue 15, "Parse once").</summary>
public sealed class ParseOnceTests
{
    // Every kind of expression-bearing field, each text distinct, so any second parse shows as a count of 2.
    private const string Definition = """
        {"StartAt":"Pass","States":{
          "Pass":{"Type":"Pass","InputPath":"$.p_in","OutputPath":"$.p_out","ResultPath":"$.p_res",
            "Parameters":{"a.$":"$.p_param","ctx.$":"$$.Execution.Id","f.$":"States.Format('{}', $.p_fmt)","n":{"h.$":"States.ArrayLength($.p_list)"}},
            "Assign":{"v1.$":"$.p_assign","v2.$":"States.StringToJson($.p_json)","lit":1},"Next":"Task"},
          "Task":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$.t_payload"},
            "ResultSelector":{"r.$":"$.t_sel"},"ResultPath":"$.t_res","TimeoutSecondsPath":"$.t_timeout","HeartbeatSecondsPath":"$.t_heartbeat",
            "Retry":[{"ErrorEquals":["States.ALL"],"JitterStrategy":"FULL"}],
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.t_catch","Assign":{"c.$":"$.t_catch_assign"},"Next":"Fail"}],"Next":"Choice"},
          "Choice":{"Type":"Choice","Choices":[
            {"Variable":"$.c_var","StringEqualsPath":"$.c_operand","Next":"Wait1"},
            {"And":[{"Variable":"$.c_and","IsPresent":true},{"Not":{"Variable":"$.c_not","NumericGreaterThanPath":"$.c_not_operand"}}],"Assign":{"ca.$":"$.c_assign"},"Next":"Wait2"}],
            "Default":"Parallel"},
          "Wait1":{"Type":"Wait","SecondsPath":"$.w_seconds","Next":"Parallel"},
          "Wait2":{"Type":"Wait","TimestampPath":"$.w_timestamp","Next":"Parallel"},
          "Parallel":{"Type":"Parallel","Parameters":{"x.$":"$.par_param"},"ResultSelector":{"y.$":"$.par_sel"},"ResultPath":"$.par_res",
            "Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","InputPath":"$.b_in","End":true}}}],"Next":"Map"},
          "Map":{"Type":"Map","ItemsPath":"$.m_items","ItemSelector":{"i.$":"$$.Map.Item.Value","k.$":"States.Hash($.m_hash, 'SHA-256')"},
            "MaxConcurrencyPath":"$.m_conc","ToleratedFailureCountPath":"$.m_count","ToleratedFailurePercentagePath":"$.m_pct",
            "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","OutputPath":"$.i_out","End":true}}},
            "ResultSelector":{"s.$":"$.m_sel"},"ResultPath":"$.m_res","Next":"J"},
          "J":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"a":"{% $states.input.j_a %}","b":["{% $sum($states.input.j_list) %}"]},
            "Assign":{"w":"{% $count($states.input.j_assign) %}"},"Next":"JTask"},
          "JTask":{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke",
            "Arguments":{"FunctionName":"f","Payload":"{% $states.input.jt_args %}"},"TimeoutSeconds":"{% $states.input.jt_timeout %}",
            "HeartbeatSeconds":"{% $states.input.jt_heartbeat %}","Output":"{% $states.result.jt_out %}",
            "Catch":[{"ErrorEquals":["States.ALL"],"Output":"{% $states.errorOutput.jt_catch %}","Assign":{"e":"{% $states.errorOutput.jt_catch_assign %}"},"Next":"JFail"}],
            "Next":"JChoice"},
          "JChoice":{"Type":"Choice","QueryLanguage":"JSONata","Choices":[
            {"Condition":"{% $states.input.jc_cond = 1 %}","Output":"{% $states.input.jc_out %}","Assign":{"q":"{% $states.input.jc_assign %}"},"Next":"JWait1"}],
            "Default":"JWait2"},
          "JWait1":{"Type":"Wait","QueryLanguage":"JSONata","Seconds":"{% $states.input.jw_seconds %}","Next":"JMap"},
          "JWait2":{"Type":"Wait","QueryLanguage":"JSONata","Timestamp":"{% $states.input.jw_timestamp %}","Next":"JMap"},
          "JMap":{"Type":"Map","QueryLanguage":"JSONata","Items":"{% $states.input.jm_items %}","ItemSelector":{"v":"{% $states.context.Map.Item.Value.jm_sel %}"},
            "MaxConcurrency":"{% $states.input.jm_conc %}","ToleratedFailureCount":"{% $states.input.jm_count %}","ToleratedFailurePercentage":"{% $states.input.jm_pct %}",
            "ItemProcessor":{"StartAt":"JI","States":{"JI":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input.ji_out %}","End":true}}},"Next":"JParallel"},
          "JParallel":{"Type":"Parallel","QueryLanguage":"JSONata","Arguments":{"p":"{% $states.input.jp_args %}"},
            "Branches":[{"StartAt":"JB","States":{"JB":{"Type":"Succeed"}}}],"Next":"Succeed"},
          "Fail":{"Type":"Fail","ErrorPath":"States.Format('E{}', $.f_error)","CausePath":"$.f_cause"},
          "JFail":{"Type":"Fail","QueryLanguage":"JSONata","Error":"{% $states.input.jf_error %}","Cause":"{% $states.input.jf_cause %}"},
          "Succeed":{"Type":"Succeed","OutputPath":"$.s_out"}}}
        """;

    [Fact]
    public void Load_DefinitionWithEveryExpressionField_ParsesEachExpressionOnce()
    {
        List<string> paths = [], intrinsics = [], jsonata = [];
        ParseTrace<JsonPathParser>.Texts = paths;
        ParseTrace<IntrinsicParser>.Texts = intrinsics;
        JsonataExpression.Trace = jsonata;
        try
        {
            new QuickstepEngine().Load(Definition, "parse-once");
        }
        finally
        {
            ParseTrace<JsonPathParser>.Texts = null;
            ParseTrace<IntrinsicParser>.Texts = null;
            JsonataExpression.Trace = null;
        }

        // Expected from the definition's text alone: each path value, each intrinsic call (and the paths
        // inside it), each "{% %}" body.
        var intrinsicCalls = Regex.Matches(Definition, "\"(States\\.\\w+\\(.*?\\))\"").Select(m => m.Groups[1].Value).ToList();
        var expectedPaths = Regex.Matches(Definition, "\"(\\$[^\"]*)\"").Select(m => m.Groups[1].Value)
            .Concat(intrinsicCalls.SelectMany(c => Regex.Matches(c, "\\$[.\\w]+").Select(m => m.Value))).ToList();
        var expectedJsonata = Regex.Matches(Definition, "\"\\{%\\s*(.*?)\\s*%\\}\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal((40, 5, 23), (expectedPaths.Count, intrinsicCalls.Count, expectedJsonata.Count));

        Assert.Equal(expectedPaths.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
        Assert.Equal(intrinsicCalls.Order(StringComparer.Ordinal), intrinsics.Order(StringComparer.Ordinal));
        Assert.Equal(expectedJsonata.Order(StringComparer.Ordinal), jsonata.Order(StringComparer.Ordinal));
        var twice = paths.Concat(intrinsics).Concat(jsonata).GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(twice);
    }
}
