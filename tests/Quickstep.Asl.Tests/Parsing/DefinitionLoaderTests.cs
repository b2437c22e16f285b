using Quickstep.Asl.Model;
using Quickstep.Asl.Parsing;
using Quickstep.Asl.Validation;
using Quickstep.Json;
using static Quickstep.Asl.Tests.Validation.DiagnosticAssert;

namespace Quickstep.Asl.Tests.Parsing;

public sealed class DefinitionLoaderTests
{
    [Theory]
    [InlineData("", DiagnosticCodes.InvalidJsonDescription)]
    [InlineData("   \n\t", DiagnosticCodes.InvalidJsonDescription)]
    [InlineData("not a definition", DiagnosticCodes.InvalidJsonDescription)]
    [InlineData("{", DiagnosticCodes.InvalidJsonDescription)]
    [InlineData("{\"StartAt\":\"A\",}", DiagnosticCodes.InvalidJsonDescription)]
    [InlineData("{} {}", DiagnosticCodes.InvalidJsonDescription)]
    [InlineData("\u0000\u0001\u0002\u00ff\ufffd", DiagnosticCodes.InvalidJsonDescription)]
    [InlineData("\ud800", DiagnosticCodes.InvalidJsonDescription)]
    [InlineData("[{\"StartAt\":\"A\"}]", DiagnosticCodes.SchemaValidationFailed)]
    [InlineData("42", DiagnosticCodes.SchemaValidationFailed)]
    [InlineData("null", DiagnosticCodes.SchemaValidationFailed)]
    [InlineData("\"definition\"", DiagnosticCodes.SchemaValidationFailed)]
    public void Load_MalformedText_ReportsRootDiagnosticWithoutDefinition(string text, string code)
    {
        var result = DefinitionLoader.Load(text);
        Assert.Null(result.Definition);
        Assert.False(result.IsValid);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Equal("", d.Pointer);
    }

    [Fact]
    public void Load_NullText_ReportsDiagnostic()
    {
        var result = DefinitionLoader.Load(null!);
        Assert.Null(result.Definition);
        Assert.Equal(DiagnosticCodes.InvalidJsonDescription, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Load_DeeplyNestedJson_ReportsDiagnostic()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);
        var result = DefinitionLoader.Load(text);
        Assert.Null(result.Definition);
        Assert.Equal(DiagnosticCodes.InvalidJsonDescription, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Load_EmptyObject_BuildsDefinitionWithDiagnostic()
    {
        var result = DefinitionLoader.Load("{}");
        Assert.NotNull(result.Definition);
        Assert.Equal("These fields are required: [States, StartAt]", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void Load_ValidMachine_BuildsTypedModelWithPointers()
    {
        var result = Load("""
            {'Comment':'c','TimeoutSeconds':30,'StartAt':'P','States':{
              'P':{'Type':'Pass','Result':{'a':1},'ResultPath':'$.r','Next':'T'},
              'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','TimeoutSeconds':5,'ResultPath':null,'Next':'C',
                   'Retry':[{'ErrorEquals':['E'],'IntervalSeconds':2,'MaxAttempts':0,'BackoffRate':1.5,'MaxDelaySeconds':9,'JitterStrategy':'FULL'}],
                   'Catch':[{'ErrorEquals':['States.ALL'],'Next':'F','ResultPath':'$.err'}]},
              'C':{'Type':'Choice','Choices':[{'And':[{'Variable':'$.a','NumericGreaterThan':1},{'Not':{'Variable':'$.b','IsPresent':true}}],'Next':'W'}],'Default':'F'},
              'W':{'Type':'Wait','SecondsPath':'$.s','Next':'Par'},
              'Par':{'Type':'Parallel','Branches':[{'StartAt':'B','States':{'B':{'Type':'Succeed'}}}],'Next':'M'},
              'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,'Iterator':{'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},'End':true},
              'F':{'Type':'Fail','Error':'E','CausePath':'$.c'}}}
            """);
        None(result);
        var def = result.Definition!;
        Assert.Equal("P", def.StartAt);
        Assert.Equal(30, def.TimeoutSeconds);
        Assert.Equal(QueryLanguage.JSONPath, def.QueryLanguage);
        Assert.Equal(["P", "T", "C", "W", "Par", "M", "F"], def.States.Select(s => s.Name));

        var pass = Assert.IsType<PassState>(def.States[0]);
        Assert.Equal("/States/P", pass.Pointer);
        Assert.Equal("T", pass.Next);
        Assert.Equal(JValue.Parse("{\"a\":1}"), pass.Result);

        var task = Assert.IsType<TaskState>(def.FindState("T"));
        Assert.Same(JValue.Null, task.ResultPath);
        Assert.Equal(5, ((JNumber)task.TimeoutSeconds!).Value);
        var retrier = Assert.Single(task.Retry);
        Assert.Equal("/States/T/Retry/0", retrier.Pointer);
        Assert.Equal((2, 0, 1.5, 9, "FULL"), (retrier.IntervalSeconds, retrier.MaxAttempts, retrier.BackoffRate, retrier.MaxDelaySeconds, retrier.JitterStrategy));
        var catcher = Assert.Single(task.Catch);
        Assert.Equal("F", catcher.Next);
        Assert.Equal(JString.Create("$.err"), catcher.ResultPath);

        var choice = Assert.IsType<ChoiceState>(def.FindState("C"));
        var rule = Assert.Single(choice.Choices);
        Assert.Equal("W", rule.Next);
        Assert.Equal(2, rule.And!.Count);
        Assert.Equal("NumericGreaterThan", rule.And[0].Operator);
        Assert.Equal("/States/C/Choices/0/And/1/Not", rule.And[1].Not!.Pointer);
        Assert.Equal("IsPresent", rule.And[1].Not!.Operator);
        Assert.Null(rule.And[0].Next);
        Assert.Equal("F", choice.Default);

        Assert.Equal("$.s", Assert.IsType<WaitState>(def.FindState("W")).SecondsPath);
        var parallel = Assert.IsType<ParallelState>(def.FindState("Par"));
        Assert.Equal("/States/Par/Branches/0", parallel.Branches[0].Pointer);
        Assert.Equal("/States/Par/Branches/0/States/B", parallel.Branches[0].States[0].Pointer);

        var map = Assert.IsType<MapState>(def.FindState("M"));
        Assert.True(map.UsesIterator);
        Assert.True(map.End);
        Assert.Equal("/States/M/Iterator/States/I", map.ItemProcessor.States[0].Pointer);
        Assert.Equal("$.items", map.ItemsPath);

        var fail = Assert.IsType<FailState>(def.FindState("F"));
        Assert.Equal(JString.Create("E"), fail.Error);
        Assert.Equal("$.c", fail.CausePath);
    }

    [Fact]
    public void Load_QueryLanguage_StateInheritsMachineNotParent()
    {
        var result = Load("""
            {'StartAt':'M','States':{'M':{'Type':'Map','QueryLanguage':'JSONata','Items':[1],'End':true,
              'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}}}}}
            """);
        None(result);
        var map = Assert.IsType<MapState>(result.Definition!.States[0]);
        Assert.Equal(QueryLanguage.JSONata, map.QueryLanguage);
        Assert.Equal(QueryLanguage.JSONPath, map.ItemProcessor.States[0].QueryLanguage);
        Assert.False(map.ItemProcessor.ProcessorConfig!.IsDistributed);
    }

    [Fact]
    public void Load_InvalidStatesStillBuildsTheRest()
    {
        var result = Load("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','Retry':[]},'B':{'Type':'Bogus'},'C':7}}");
        Assert.NotNull(result.Definition);
        Assert.Equal(["A"], result.Definition.States.Select(s => s.Name));
        Assert.Equal(3, result.Diagnostics.Count);
    }

    [Fact]
    public void Load_LargeMachine_IsValid()
    {
        // 20,000 states with choices back to the start: catches anything quadratic in the number of states.
        const int n = 20_000;
        var sb = new System.Text.StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
                sb.Append(',');
            var next = i + 1 < n ? $"\"Next\":\"S{i + 1}\"" : "\"End\":true";
            sb.Append(i % 2 == 0 || i == n - 1
                ? $"\"S{i}\":{{\"Type\":\"Pass\",{next}}}"
                : $"\"S{i}\":{{\"Type\":\"Choice\",\"Choices\":[{{\"Variable\":\"$.x\",\"IsPresent\":true,\"Next\":\"S0\"}}],\"Default\":\"{(i + 1 < n ? $"S{i + 1}" : "S0")}\"}}");
        }

        sb.Append("}}");
        var result = DefinitionLoader.Load(sb.ToString());
        None(result);
        Assert.Equal(n, result.Definition!.States.Count);
    }

    /// <summary>Replaces every node of real definitions by junk values in turn: the loader must report, never throw.</summary>
    [Fact]
    public void Load_EveryNodeReplacedByJunk_NeverThrows()
    {
        JValue[] junk = [JValue.Null, JValue.True, JNumber.Create(-1.5), JString.Create("$$..[?"), JString.Create("{% ( %}"), JArray.Empty, JObject.Empty, JArray.Create(JValue.Null)];
        string[] seeds =
        [
            """{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"a":"{% 1 %}"},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"C","Output":{}}],"Next":"C"},"C":{"Type":"Choice","Choices":[{"Condition":"{% true %}","Next":"M"}],"Default":"F"},"M":{"Type":"Map","Items":[1],"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true},"F":{"Type":"Fail","Error":"E"}}}""",
            """{"StartAt":"P","States":{"P":{"Type":"Parallel","Parameters":{"a.$":"$.x","b":[{"c.$":"States.Array(1)"}]},"Retry":[{"ErrorEquals":["E"],"IntervalSeconds":1,"BackoffRate":2}],"Branches":[{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00Z","End":true}}}],"Next":"C"},"C":{"Type":"Choice","Choices":[{"Or":[{"Variable":"$.a","StringEquals":"x"},{"Not":{"Variable":"$.b","TimestampEqualsPath":"$.c"}}],"Next":"M"}],"Default":"M"},"M":{"Type":"Map","ItemsPath":"$.i","ItemSelector":{"v.$":"$$.Map.Item.Value"},"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b"}},"ItemBatcher":{"MaxItemsPerBatch":2},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"X","States":{"X":{"Type":"Pass","Assign":{"v.$":"$"},"End":true}}},"End":true}}}""",
        ];
        var loads = 0;
        foreach (var seed in seeds)
        {
            var root = JValue.Parse(seed);
            foreach (var variant in Variants(root, junk))
            {
                var result = DefinitionLoader.Load(variant.ToJson());
                Assert.NotNull(result);
                loads++;
            }
        }

        Assert.True(loads > 500, $"only {loads} variants");
    }

    private static IEnumerable<JValue> Variants(JValue node, JValue[] junk)
    {
        foreach (var j in junk)
            yield return j;
        switch (node)
        {
            case JObject obj:
                for (var i = 0; i < obj.Count; i++)
                {
                    var (key, child) = obj[i];
                    foreach (var v in Variants(child, junk))
                        yield return obj.With(key, v);
                    yield return obj.Without(key);
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var v in Variants(array[i], junk))
                        yield return array.SetItem(i, v);
                }

                break;
        }
    }
}
