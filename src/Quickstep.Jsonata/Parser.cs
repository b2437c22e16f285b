using System.Runtime.CompilerServices;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>A Pratt (top-down operator precedence) parser producing the raw JSONata AST.</summary>
internal sealed class Parser
{
    private readonly Lexer _lexer;
    private Token _tok;
    private bool _prevAllowsRegex = true;
    private int _nesting;

    /// <summary>Nesting deeper than this is refused, so a hostile expression cannot overflow the stack while parsing.</summary>
    private const int MaxNesting = 500;

    private Parser(string source) => _lexer = new Lexer(source);

    public static Node Parse(string source)
    {
        var p = new Parser(source);
        p.Advance();
        var ast = p.Expression(0);
        if (p._tok.Kind != TokenKind.End)
            throw new JsonataException("S0201", "Syntax error: " + p._tok.Text, p._tok.Position);
        return ast;
    }

    private static int Lbp(in Token t)
    {
        if (t.Kind != TokenKind.Operator)
            return 0;
        return t.Text switch
        {
            "." => 75,
            "[" or "(" or "@" or "#" => 80,
            "{" => 70,
            "?" => 20,
            "+" or "-" or "&" => 50,
            "*" or "/" or "%" => 60,
            "=" or "<" or ">" or "^" or "!=" or "<=" or ">=" or "~>" or "?:" or "??" or "in" => 40,
            ":=" => 10,
            "and" => 30,
            "or" => 25,
            _ => 0,
        };
    }

    private bool Is(string op) => _tok.Kind == TokenKind.Operator && _tok.Text == op;

    private Token Advance(string? expected = null)
    {
        if (expected is not null && !Is(expected))
        {
            if (_tok.Kind == TokenKind.End)
                throw new JsonataException("S0203", "Expected \"" + expected + "\" before end of expression", _tok.Position);
            throw new JsonataException("S0202", "Expected \"" + expected + "\", got \"" + _tok.Text + "\"", _tok.Position);
        }

        var prev = _tok;
        _tok = _lexer.Next(_prevAllowsRegex);
        _prevAllowsRegex = _tok.Kind == TokenKind.Operator && _tok.Text is not (")" or "]" or "}");
        if (_tok.Kind == TokenKind.Operator && _tok.Text is "!" or "~")
            throw new JsonataException("S0204", "Unknown operator: " + _tok.Text, _tok.Position);
        return prev;
    }

    private Node Expression(int rbp)
    {
        if (++_nesting > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new JsonataException("U1001", "The expression is nested too deeply (more than " + MaxNesting + " levels)", _tok.Position);
        var t = Advance();
        var left = Nud(t);
        while (rbp < Lbp(_tok))
        {
            t = Advance();
            left = Led(t, left);
        }

        _nesting--;
        return left;
    }

    private Node Nud(Token t)
    {
        switch (t.Kind)
        {
            case TokenKind.End:
                throw new JsonataException("S0207", "Unexpected end of expression", t.Position);
            case TokenKind.Name:
                return new Node(NodeType.Name, t.Position, t.Text);
            case TokenKind.Variable:
                return new Node(NodeType.Variable, t.Position, t.Text);
            case TokenKind.String:
                return new Node(NodeType.String, t.Position, t.Text) { Literal = JString.Create(t.Text) };
            case TokenKind.Number:
                return new Node(NodeType.Number, t.Position, t.Text) { Literal = JsNumber.Create(t.Number) };
            case TokenKind.Value:
                return new Node(NodeType.Value, t.Position, t.Text)
                {
                    Literal = t.Text switch { "true" => JValue.True, "false" => JValue.False, _ => JValue.Null },
                };
            case TokenKind.Regex:
                return new Node(NodeType.Regex, t.Position, t.Text) { Regex = t.Regex };
        }

        switch (t.Text)
        {
            case "and":
            case "or":
            case "in":
                return new Node(NodeType.Name, t.Position, t.Text);
            case "-":
                return new Node(NodeType.Negate, t.Position, "-") { Expression = Expression(70) };
            case "*":
                return new Node(NodeType.Wildcard, t.Position, "*");
            case "**":
                return new Node(NodeType.Descendant, t.Position, "**");
            case "%":
                return new Node(NodeType.Parent, t.Position, "%");
            case "(":
                {
                    var exprs = new List<Node>();
                    while (!Is(")"))
                    {
                        exprs.Add(Expression(0));
                        if (!Is(";"))
                            break;
                        Advance(";");
                    }

                    Advance(")");
                    return new Node(NodeType.Block, t.Position) { Expressions = exprs };
                }

            case "[":
                {
                    var items = new List<Node>();
                    if (!Is("]"))
                    {
                        while (true)
                        {
                            var item = Expression(0);
                            if (Is(".."))
                            {
                                var r = new Node(NodeType.Binary, _tok.Position, "..") { Op = BinaryOp.Range, Lhs = item };
                                Advance("..");
                                r.Rhs = Expression(0);
                                item = r;
                            }

                            items.Add(item);
                            if (!Is(","))
                                break;
                            Advance(",");
                        }
                    }

                    Advance("]");
                    return new Node(NodeType.ArrayConstructor, t.Position, "[") { Expressions = items };
                }

            case "{":
                return new Node(NodeType.ObjectConstructor, t.Position, "{") { Pairs = ObjectPairs() };
            case "|":
                {
                    var n = new Node(NodeType.Transform, t.Position, "|") { Pattern = Expression(0) };
                    Advance("|");
                    n.Update = Expression(0);
                    if (Is(","))
                    {
                        Advance(",");
                        n.Delete = Expression(0);
                    }

                    Advance("|");
                    return n;
                }

            case "?":
                return new Node(NodeType.Operator, t.Position, "?");
        }

        throw new JsonataException("S0211", "The symbol " + t.Text + " cannot be used as a unary operator", t.Position);
    }

    private List<(Node, Node)> ObjectPairs()
    {
        var pairs = new List<(Node, Node)>();
        if (!Is("}"))
        {
            while (true)
            {
                var k = Expression(0);
                Advance(":");
                var v = Expression(0);
                pairs.Add((k, v));
                if (!Is(","))
                    break;
                Advance(",");
            }
        }

        Advance("}");
        return pairs;
    }

    private Node Led(Token t, Node left)
    {
        switch (t.Text)
        {
            case "(":
                return Call(t, left);
            case "[":
                {
                    if (Is("]"))
                    {
                        var step = left;
                        while (step.Type == NodeType.Binary && step.Value == "[")
                            step = step.Lhs!;
                        step.KeepArray = true;
                        Advance("]");
                        return left;
                    }

                    var n = new Node(NodeType.Binary, t.Position, "[") { Lhs = left, Rhs = Expression(0) };
                    Advance("]");
                    return n;
                }

            case "{":
                return new Node(NodeType.Binary, t.Position, "{") { Lhs = left, Pairs = ObjectPairs() };
            case "^":
                {
                    Advance("(");
                    var terms = new List<SortTerm>();
                    while (true)
                    {
                        var desc = false;
                        if (Is("<"))
                        {
                            Advance("<");
                        }
                        else if (Is(">"))
                        {
                            desc = true;
                            Advance(">");
                        }

                        terms.Add(new SortTerm(Expression(0), desc));
                        if (!Is(","))
                            break;
                        Advance(",");
                    }

                    Advance(")");
                    return new Node(NodeType.Binary, t.Position, "^") { Lhs = left, Terms = terms };
                }

            case ":=":
                if (left.Type != NodeType.Variable)
                    throw new JsonataException("S0212", "The left side of := must be a variable name (start with $)", left.Position);
                return new Node(NodeType.Binary, t.Position, ":=") { Lhs = left, Rhs = Expression(9) };
            case "@":
            case "#":
                {
                    var rhs = Expression(80);
                    if (rhs.Type != NodeType.Variable)
                        throw new JsonataException("S0214", "The right side of " + t.Text + " must be a variable name (start with $)", rhs.Position);
                    return new Node(NodeType.Binary, t.Position, t.Text) { Lhs = left, Rhs = rhs };
                }

            case "?":
                {
                    var n = new Node(NodeType.Condition, t.Position, "?") { Condition = left, Then = Expression(0) };
                    if (Is(":"))
                    {
                        Advance(":");
                        n.Else = Expression(0);
                    }

                    return n;
                }

            case "?:":
                return new Node(NodeType.Elvis, t.Position, "?:") { Lhs = left, Rhs = Expression(0) };
            case "??":
                return new Node(NodeType.Coalesce, t.Position, "??") { Lhs = left, Rhs = Expression(0) };
            case "~>":
                return new Node(NodeType.Apply, t.Position, "~>") { Lhs = left, Rhs = Expression(40) };
        }

        var op = t.Text switch
        {
            "+" => BinaryOp.Add,
            "-" => BinaryOp.Subtract,
            "*" => BinaryOp.Multiply,
            "/" => BinaryOp.Divide,
            "%" => BinaryOp.Modulo,
            "=" => BinaryOp.Equal,
            "!=" => BinaryOp.NotEqual,
            "<" => BinaryOp.Less,
            "<=" => BinaryOp.LessEqual,
            ">" => BinaryOp.Greater,
            ">=" => BinaryOp.GreaterEqual,
            "&" => BinaryOp.Concat,
            "and" => BinaryOp.And,
            "or" => BinaryOp.Or,
            "in" => BinaryOp.In,
            _ => BinaryOp.None,
        };
        return new Node(NodeType.Binary, t.Position, t.Text) { Op = op, Lhs = left, Rhs = Expression(Lbp(t)) };
    }

    private Node Call(Token t, Node left)
    {
        var n = new Node(NodeType.Function, t.Position, "(") { Procedure = left, Arguments = [] };
        if (!Is(")"))
        {
            while (true)
            {
                if (Is("?"))
                {
                    n.Type = NodeType.Partial;
                    n.Arguments.Add(new Node(NodeType.Placeholder, _tok.Position, "?"));
                    Advance("?");
                }
                else
                {
                    n.Arguments.Add(Expression(0));
                }

                if (!Is(","))
                    break;
                Advance(",");
            }
        }

        if (left.Type == NodeType.Name && (left.Value == "function" || left.Value == "\u03BB"))
        {
            for (var i = 0; i < n.Arguments.Count; i++)
            {
                if (n.Arguments[i].Type != NodeType.Variable)
                    throw new JsonataException("S0208", "Parameter " + (i + 1) + " of function definition must be a variable name (start with $)", n.Arguments[i].Position);
            }

            n.Type = NodeType.Lambda;
            if (!Is(")"))
                Advance(")");
            var afterParen = _lexer.Position;
            var src = _lexer.Source;
            var i2 = afterParen;
            while (i2 < src.Length && char.IsWhiteSpace(src[i2]))
                i2++;
            if (i2 < src.Length && src[i2] == '<')
            {
                var depth = 0;
                var j = i2;
                for (; j < src.Length; j++)
                {
                    if (src[j] == '<')
                        depth++;
                    else if (src[j] == '>' && --depth == 0)
                        break;
                    else if (src[j] == '{')
                        break;
                }

                if (j >= src.Length || src[j] != '>')
                    throw new JsonataException("S0401", "Invalid function signature", i2);
                n.Signature = Signature.Parse(src.Substring(i2, j - i2 + 1), i2);
                _lexer.Position = j + 1;
            }

            Advance(")");
            Advance("{");
            n.Body = Expression(0);
            Advance("}");
            return n;
        }

        Advance(")");
        return n;
    }
}
