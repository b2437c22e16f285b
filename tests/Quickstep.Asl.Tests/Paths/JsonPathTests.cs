using Quickstep.Asl.Compilation;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Tests.Paths;

public sealed class JsonPathTests
{
    private const string Store = """
        {
          "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 19.95 }
          },
          "expensive": 10
        }
        """;

    private static readonly JValue StoreDoc = JsonText.Parse(Store);

    private static string Sel(string path, string json) => Sel(path, JsonText.Parse(json));

    private static string Sel(string path, JValue doc) => JsonPath.Parse(path).Select(doc)?.ToString() ?? "<none>";

    [Theory]
    [InlineData("$", "{\"a\":{\"b\":[1,2]}}")]
    [InlineData("$.a", "{\"b\":[1,2]}")]
    [InlineData("$.a.b", "[1,2]")]
    [InlineData("$.a.b[0]", "1")]
    [InlineData("$.a.b[1]", "2")]
    [InlineData("$.a.b[-1]", "2")]
    [InlineData("$['a']['b'][0]", "1")]
    [InlineData("$[\"a\"][\"b\"]", "[1,2]")]
    [InlineData("$.a['b'][1]", "2")]
    [InlineData("$.a.b[2]", "<none>")]
    [InlineData("$.a.b[-3]", "<none>")]
    [InlineData("$.x", "<none>")]
    [InlineData("$.a.b.c", "<none>")]
    [InlineData("$.a[0]", "<none>")]
    public void Select_ReferencePath_ReturnsNodeOrNull(string path, string expected)
    {
        var p = JsonPath.Parse(path);
        Assert.True(p.IsReferencePath);
        Assert.Equal(expected, Sel(path, "{\"a\":{\"b\":[1,2]}}"));
    }

    [Fact]
    public void Select_ReferencePath_ReturnsSameInstance()
    {
        var doc = JsonText.Parse("{\"a\":{\"b\":{\"c\":1}}}");
        var inner = ((JObject)((JObject)doc)["a"]!)["b"];
        Assert.Same(inner, JsonPath.Parse("$.a.b").Select(doc));
        Assert.Same(doc, JsonPath.Parse("$").Select(doc));
    }

    [Theory]
    [InlineData("$.store.book[*].author", "[\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]")]
    [InlineData("$..author", "[\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]")]
    [InlineData("$.store.*", null)]
    [InlineData("$.store..price", "[8.95,12.99,8.99,22.99,19.95]")]
    [InlineData("$..book[2].title", "[\"Moby Dick\"]")]
    [InlineData("$..book[-1].title", "[\"The Lord of the Rings\"]")]
    [InlineData("$..book[0,1].title", "[\"Sayings of the Century\",\"Sword of Honour\"]")]
    [InlineData("$..book[:2].title", "[\"Sayings of the Century\",\"Sword of Honour\"]")]
    [InlineData("$..book[1:3].title", "[\"Sword of Honour\",\"Moby Dick\"]")]
    [InlineData("$..book[-2:].title", "[\"Moby Dick\",\"The Lord of the Rings\"]")]
    [InlineData("$..book[2:].title", "[\"Moby Dick\",\"The Lord of the Rings\"]")]
    [InlineData("$.store.book[::2].title", "[\"Sayings of the Century\",\"Moby Dick\"]")]
    [InlineData("$.store.book[::-1].price", "[22.99,8.99,12.99,8.95]")]
    [InlineData("$.store.book[1:10].price", "[12.99,8.99,22.99]")]
    [InlineData("$..book[?(@.isbn)].title", "[\"Moby Dick\",\"The Lord of the Rings\"]")]
    [InlineData("$.store.book[?(!@.isbn)].title", "[\"Sayings of the Century\",\"Sword of Honour\"]")]
    [InlineData("$.store.book[?(@.price < 10)].title", "[\"Sayings of the Century\",\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.price <= 8.99)].price", "[8.95,8.99]")]
    [InlineData("$.store.book[?(@.price > 20)].price", "[22.99]")]
    [InlineData("$.store.book[?(@.price >= 22.99)].price", "[22.99]")]
    [InlineData("$.store.book[?(@.category == 'reference')].price", "[8.95]")]
    [InlineData("$.store.book[?(@.category != \"fiction\")].price", "[8.95]")]
    [InlineData("$.store.book[?(@.price > $.expensive)].price", "[12.99,22.99]")]
    [InlineData("$.store.book[?(@.category == 'fiction' && @.price < 10)].title", "[\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.price < 9 || @.price > 20)].price", "[8.95,8.99,22.99]")]
    [InlineData("$.store.book[?((@.price < 9 || @.price > 20) && !(@.isbn))].price", "[8.95]")]
    [InlineData("$.store.book[?(@.author =~ /.*Melville/)].price", "[8.99]")]
    [InlineData("$.store.book[?(@.author =~ /herman.*/i)].price", "[8.99]")]
    [InlineData("$.store.book[?(@.author =~ /Herman/)].price", "[]")]
    [InlineData("$.store.book[?(@.category in ['reference','x'])].price", "[8.95]")]
    [InlineData("$.store.book[?(@.category nin ['fiction'])].price", "[8.95]")]
    [InlineData("$.store.book[?(@.nothing == 1)]", "[]")]
    [InlineData("$.store.book[?(@.nothing != 1)].price", "[8.95,12.99,8.99,22.99]")]
    [InlineData("$.store.book[?(@.title.length() > 15)].price", "[8.95,22.99]")]
    [InlineData("$.store.bicycle[?(@.color == 'red')].price", "[19.95]")]
    [InlineData("$.store.book.length()", "4")]
    [InlineData("$.store.book[*].length()", "4")]
    [InlineData("$.missing[*]", "[]")]
    public void Select_Path_ReturnsMatchesInDocumentOrder(string path, string? expected)
    {
        var p = JsonPath.Parse(path);
        Assert.False(p.IsReferencePath);
        var actual = Sel(path, StoreDoc);
        if (expected is not null)
            Assert.Equal(expected, actual);
    }

    [Fact]
    public void Select_WildcardOnObject_ReturnsValuesInInsertionOrder()
    {
        Assert.Equal("[1,[2],{\"c\":3}]", Sel("$.*", "{\"a\":1,\"b\":[2],\"z\":{\"c\":3}}"));
        Assert.Equal("[1,[2],{\"c\":3}]", Sel("$[*]", "{\"a\":1,\"b\":[2],\"z\":{\"c\":3}}"));
        Assert.Equal("[1,2]", Sel("$[*]", "[1,2]"));
    }

    [Fact]
    public void Select_RecursiveWildcard_ReturnsPreOrderLikeJayway()
    {
        Assert.Equal("[{\"b\":1},[2,3],1,2,3]", Sel("$..*", "{\"a\":{\"b\":1},\"c\":[2,3]}"));
    }

    [Fact]
    public void Select_RecursiveIndex_AppliesToEveryArray()
    {
        Assert.Equal("[[1,2],1,3]", Sel("$..[0]", "[[1,2],[3]]"));
    }

    [Fact]
    public void Select_RecursiveFilter_MatchesEachObjectOnce()
    {
        Assert.Equal("[{\"p\":1},{\"p\":2}]", Sel("$..[?(@.p)]", "{\"x\":[{\"p\":1},{\"q\":{\"p\":2}}]}"));
    }

    [Fact]
    public void Select_NameUnionAtLeaf_MergesFoundPropertiesLikeJayway()
    {
        var p = JsonPath.Parse("$['a','c','zz']");
        Assert.True(p.IsDefinite);
        Assert.False(p.IsReferencePath);
        Assert.Equal("{\"a\":1,\"c\":3}", Sel("$['a','c','zz']", "{\"a\":1,\"b\":2,\"c\":3}"));
    }

    [Fact]
    public void Select_NameUnionBeforeOtherSteps_IteratesProperties()
    {
        Assert.Equal("[1,3]", Sel("$['a','c'].v", "{\"a\":{\"v\":1},\"b\":{\"v\":2},\"c\":{\"v\":3}}"));
    }

    [Fact]
    public void Select_FilterLiterals_CompareByType()
    {
        const string doc = "[{\"v\":true},{\"v\":null},{\"v\":\"1\"},{\"v\":1},{\"v\":[1]},{\"v\":{\"a\":1}}]";
        Assert.Equal("[{\"v\":true}]", Sel("$[?(@.v == true)]", doc));
        Assert.Equal("[{\"v\":null}]", Sel("$[?(@.v == null)]", doc));
        Assert.Equal("[{\"v\":\"1\"}]", Sel("$[?(@.v == '1')]", doc));
        Assert.Equal("[{\"v\":1}]", Sel("$[?(@.v == 1.0)]", doc));
        Assert.Equal("[{\"v\":{\"a\":1}}]", Sel("$[?(@.v == {\"a\":1})]", doc));
        Assert.Equal("[{\"v\":\"1\"},{\"v\":[1]}]", Sel("$[?(@.v size 1)]", doc));
        Assert.Equal("[{\"v\":[1]}]", Sel("$[?(@.v contains 1)]", doc));
        Assert.Equal("[{\"v\":[1]}]", Sel("$[?(@.v subsetof [1,2])]", doc));
        Assert.Equal("[{\"v\":[1]}]", Sel("$[?(@.v anyof [1,5])]", doc));
        Assert.Equal("[]", Sel("$[?(@.v noneof [1])]", doc));
        Assert.Equal("[{\"v\":true},{\"v\":null},{\"v\":\"1\"},{\"v\":1},{\"v\":[1]},{\"v\":{\"a\":1}}]", Sel("$[?(@.v)]", doc));
        Assert.Equal("[{\"v\":\"1\"}]", Sel("$[?(@.v empty false && @.v == '1')]", doc));
    }

    [Fact]
    public void Select_FilterOnCurrentNodeItself_Works()
    {
        Assert.Equal("[2,3]", Sel("$.a[?(@ > 1)]", "{\"a\":[1,2,3]}"));
    }

    [Theory]
    [InlineData("$.store\\.book", "{\"store.book\":1}", "1")]
    [InlineData("$.foo\\@bar.baz\\[\\[.\\?pretty", "{\"foo@bar\":{\"baz[[\":{\"?pretty\":2}}}", "2")]
    [InlineData("$.&Ж中.\uD800\uDF46", "{\"&Ж中\":{\"\uD800\uDF46\":3}}", "3")]
    [InlineData("$['store'][0]['book']", "{\"store\":[{\"book\":4}]}", "4")]
    [InlineData("$.ledgers[0][22][315].foo", null, null)]
    [InlineData("$['a b']", "{\"a b\":5}", "5")]
    [InlineData("$['a.b']", "{\"a.b\":6}", "6")]
    public void Select_SpecReferencePathExamples_AreReferencePaths(string path, string? json, string? expected)
    {
        var p = JsonPath.Parse(path);
        Assert.True(p.IsReferencePath);
        if (json is not null)
            Assert.Equal(expected, Sel(path, json));
    }

    [Fact]
    public void Select_BracketNameWithBackslash_KeepsBackslashAsAwsDoes()
    {
        // conformance: scenarios/test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONPATH]
        var doc = JsonText.Parse("{\"Test\\\\\\\"\\\"Name\\\"\": \"Value\\\"\\\\\"}");
        Assert.Equal("\"Value\\\"\\\\\"", JsonPath.Parse("$['Test\\\"\"Name\"']").Select(doc)!.ToString());
    }

    [Theory]
    [InlineData("$", PathRoot.Input, null)]
    [InlineData("$.a", PathRoot.Input, null)]
    [InlineData("$[0]", PathRoot.Input, null)]
    [InlineData("$$", PathRoot.Context, null)]
    [InlineData("$$.Execution.Id", PathRoot.Context, null)]
    [InlineData("$var", PathRoot.Variable, "var")]
    [InlineData("$my_var2.x[0]", PathRoot.Variable, "my_var2")]
    [InlineData("$переменная.x", PathRoot.Variable, "переменная")]
    [InlineData("$v['k']", PathRoot.Variable, "v")]
    public void Parse_Roots_AreRecognised(string text, PathRoot root, string? variable)
    {
        var p = JsonPath.Parse(text);
        Assert.Equal(root, p.Root);
        Assert.Equal(variable, p.VariableName);
        Assert.Equal(text, p.Text);
    }

    [Fact]
    public void Select_Scope_UsesTheNamedRoot()
    {
        var scope = new EvaluationScope(
            JsonText.Parse("{\"a\":1}"),
            JsonText.Parse("{\"Execution\":{\"Id\":\"x\"}}"),
            new Vars(new Dictionary<string, JValue> { ["v"] = JsonText.Parse("{\"k\":[7]}") }),
            DefaultEvaluationServices.Shared);
        Assert.Equal("1", JsonPath.Parse("$.a").Select(scope)!.ToString());
        Assert.Equal("\"x\"", JsonPath.Parse("$$.Execution.Id").Select(scope)!.ToString());
        Assert.Equal("7", JsonPath.Parse("$v.k[0]").Select(scope)!.ToString());
        Assert.Null(JsonPath.Parse("$w").Select(scope));
        Assert.False(JsonPath.Parse("$w.x").TrySelect(scope, out _, out var failure));
        Assert.Equal("Undefined variable: w", failure);
    }

    [Theory]
    [InlineData("$", "$")]
    [InlineData("$.a.b[0]", "$['a']['b'][0]")]
    [InlineData("$$.Execution.Input", "$['Execution']['Input']")]
    [InlineData("$v.x", "$['x']")]
    [InlineData("$[*].a", "$[*]['a']")]
    [InlineData("$..a", "$..['a']")]
    [InlineData("$..*", "$..[*]")]
    [InlineData("$.a[1:3]", "$['a'][1:3]")]
    [InlineData("$.a[-2:]", "$['a'][-2:]")]
    [InlineData("$.a[::2]", "$['a'][::2]")]
    [InlineData("$.a[0,1]", "$['a'][0,1]")]
    [InlineData("$['a','b']", "$['a','b']")]
    [InlineData("$.a[?(@.x)]", "$['a'][?]")]
    [InlineData("$.a.length()", "$['a'].length()")]
    public void NormalizedText_IsJaywayBracketForm(string text, string normalized)
    {
        Assert.Equal(normalized, JsonPath.Parse(text).NormalizedText);
    }

    [Theory]
    [InlineData("$.X", "{}", "No results for path: $['X']")]
    [InlineData("$.a.X", "{\"a\":{}}", "No results for path: $['a']['X']")]
    [InlineData("$.no.such.result.path", "{}", "Missing property in path $['no']")]
    [InlineData("$.a.no.x", "{\"a\":{}}", "Missing property in path $['a']['no']")]
    [InlineData("$.a[5]", "{\"a\":[1]}", "No results for path: $['a'][5]")]
    [InlineData("$.a.b", "{\"a\":null}", "Expected to find an object with property ['b'] in path $['a'] but found 'null'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.")]
    [InlineData("$.a.b", "{\"a\":\"s\"}", "Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.String'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.")]
    [InlineData("$.a[0]", "{\"a\":null}", "The path $['a'] is null")]
    [InlineData("$.a[0]", "{\"a\":{\"b\":1}}", "Filter: [0] can only be applied to arrays. Current context is: {b=1}")]
    [InlineData("$['x','y']", "[]", "No results for path: $['x','y']")]
    public void TrySelect_Missing_DescribesLikeJayway(string path, string json, string failure)
    {
        Assert.False(JsonPath.Parse(path).TrySelect(JsonText.Parse(json), out var result, out var actual));
        Assert.Null(result);
        Assert.Equal(failure, actual);
    }

    [Fact]
    public void TrySelect_IndefinitePathWithNoMatch_SucceedsWithEmptyArray()
    {
        Assert.True(JsonPath.Parse("$.a[*]").TrySelect(JsonText.Parse("{}"), out var result, out _));
        Assert.Equal("[]", result.ToString());
    }

    [Theory]
    [InlineData("$", "{\"a\":1}", "{\"x\":true}")]
    [InlineData("$.a", "{\"a\":1,\"b\":2}", "{\"a\":{\"x\":true},\"b\":2}")]
    [InlineData("$.c", "{\"a\":1}", "{\"a\":1,\"c\":{\"x\":true}}")]
    [InlineData("$.b.greeting", "{\"a\":1}", "{\"a\":1,\"b\":{\"greeting\":{\"x\":true}}}")]
    [InlineData("$.a.b.c", "{}", "{\"a\":{\"b\":{\"c\":{\"x\":true}}}}")]
    [InlineData("$.a[1]", "{\"a\":[0,1,2]}", "{\"a\":[0,{\"x\":true},2]}")]
    [InlineData("$.a[-1].k", "{\"a\":[0,{\"k\":1,\"j\":2}]}", "{\"a\":[0,{\"k\":{\"x\":true},\"j\":2}]}")]
    [InlineData("$['q r']", "{}", "{\"q r\":{\"x\":true}}")]
    public void TryAssign_ValidTarget_PlacesValue(string path, string doc, string expected)
    {
        Assert.True(JsonPath.Parse(path).TryAssign(JsonText.Parse(doc), JsonText.Parse("{\"x\":true}"), out var result));
        Assert.Equal(expected, result.ToString());
    }

    [Theory]
    [InlineData("$.x", "\"foo\"", "$['x']")]
    [InlineData("$.a.b", "{\"a\":5}", "$['a']['b']")]
    [InlineData("$.a.b", "{\"a\":null}", "$['a']['b']")]
    [InlineData("$.a[0]", "{}", "$['a'][0]")]
    [InlineData("$.a[3]", "{\"a\":[1]}", "$['a'][3]")]
    [InlineData("$[0]", "{}", "$[0]")]
    [InlineData("$.a[*]", "{\"a\":[1]}", "$['a'][*]")]
    public void TryAssign_BlockedTarget_ReturnsFalseWithPrefix(string path, string doc, string prefix)
    {
        Assert.False(JsonPath.Parse(path).TryAssign(JsonText.Parse(doc), JValue.True, out var result, out var failedPrefix));
        Assert.Null(result);
        Assert.Equal(prefix, failedPrefix);
    }

    [Fact]
    public void TryAssign_SharesUntouchedChildren()
    {
        var doc = (JObject)JsonText.Parse("{\"keep\":{\"big\":[1,2,3]},\"a\":{\"other\":[4],\"b\":1}}");
        Assert.True(JsonPath.Parse("$.a.b").TryAssign(doc, JValue.True, out var result));
        var r = (JObject)result;
        Assert.Same(doc["keep"], r["keep"]);
        Assert.Same(((JObject)doc["a"]!)["other"], ((JObject)r["a"]!)["other"]);
        Assert.Equal("{\"keep\":{\"big\":[1,2,3]},\"a\":{\"other\":[4],\"b\":1}}", doc.ToString());
    }

    // Jayway (AWS's JsonPath) reads any token after a dot, so a dot before a bracket is accepted (PathCompiler.readDotToken).
    [Theory]
    [InlineData("$.[0]", "[1,{\"id\":7,\"n\":0}]", "1")]
    [InlineData("$.items.[0].id", "{\"items\":[{\"id\":7}]}", "7")]
    [InlineData("$.items.['0']", "{\"items\":{\"0\":\"z\"}}", "\"z\"")]
    [InlineData("$.[?(@.n > 0)]", "[{\"n\":1},{\"n\":0}]", "[{\"n\":1}]")]
    [InlineData("$.[*].['a','b']", "[{\"a\":1,\"b\":2,\"c\":3}]", "[{\"a\":1,\"b\":2}]")]
    [InlineData("$.a.[1:]", "{\"a\":[1,2,3]}", "[2,3]")]
    [InlineData("$.[?(@.[0] == 2)]", "[[1],[2]]", "[[2]]")]
    public void Parse_DotBeforeBracket_ReadsLikeTheBracketAlone(string path, string json, string expected)
    {
        Assert.Equal(expected, Sel(path, json));
        Assert.Equal(Sel(path.Replace(".[", "[", StringComparison.Ordinal), json), Sel(path, json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("$.")]
    [InlineData("$..")]
    [InlineData("$.a.")]
    [InlineData("$[")]
    [InlineData("$[]")]
    [InlineData("$['a'")]
    [InlineData("$['a]")]
    [InlineData("$[a]")]
    [InlineData("$[1")]
    [InlineData("$[1:2:0]")]
    [InlineData("$[?(@.a ==)]")]
    [InlineData("$[?(@.a == 1]")]
    [InlineData("$[?(@.a ~~ 1)]")]
    [InlineData("$[?(@.a =~ 'x')]")]
    [InlineData("$[?(@.a =~ /(/)]")]
    [InlineData("$.a b")]
    [InlineData("$.a.sum()")]
    [InlineData("$.a.length().b")]
    [InlineData("$ .a")]
    [InlineData("$$$")]
    [InlineData("$[99999999999]")]
    [InlineData("$...a")]
    [InlineData("$.[")]
    [InlineData("$.[]")]
    [InlineData("$. [0]")]
    public void Parse_BadSyntax_ThrowsJsonPathSyntaxException(string text)
    {
        var e = Assert.Throws<JsonPathSyntaxException>(() => JsonPath.Parse(text));
        Assert.Contains("Invalid path", e.Message, StringComparison.Ordinal);
        Assert.False(JsonPath.TryParse(text, out _, out var error));
        Assert.Equal(e.Message, error);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("!", "")]
    [InlineData("@.a[?(", ")]")]
    public void Parse_FilterNestedAHundredThousandDeep_IsASyntaxErrorNotAStackOverflow(string open, string close)
    {
        const int Deep = 100_000;
        var text = "$[?(" + string.Concat(Enumerable.Repeat(open, Deep)) + "@.x" + string.Concat(Enumerable.Repeat(close, Deep)) + ")]";
        var e = Assert.Throws<JsonPathSyntaxException>(() => JsonPath.Parse(text));
        Assert.Contains("nested at most 100 deep", e.Message, StringComparison.Ordinal);
        Assert.NotNull(JsonPath.Parse("$[?(" + string.Concat(Enumerable.Repeat(open, 50)) + "@.x" + string.Concat(Enumerable.Repeat(close, 50)) + ")]"));
    }

    [Theory]
    [InlineData("$.a[*]")]
    [InlineData("$.a.*")]
    [InlineData("$..a")]
    [InlineData("$.a[0,1]")]
    [InlineData("$.a[1:2]")]
    [InlineData("$.a[?(@.b)]")]
    [InlineData("$['a','b']")]
    [InlineData("$.a.length()")]
    public void IsReferencePath_OperatorsOrFunctions_IsFalse(string text)
    {
        Assert.False(JsonPath.Parse(text).IsReferencePath);
    }

    private sealed class Vars(Dictionary<string, JValue> values) : IVariableScope
    {
        public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JValue? value) => values.TryGetValue(name, out value);
    }
}
