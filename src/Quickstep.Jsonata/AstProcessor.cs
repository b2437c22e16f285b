using System.Runtime.CompilerServices;

namespace Quickstep.Jsonata;

/// <summary>
/// Rewrites the raw parse tree into the evaluable form: dotted operands become path steps, predicates
/// become stages, focus/index bindings mark tuple steps, parent (%) references are resolved to the
/// step that binds them, and calls in tail position become thunks.
/// </summary>
internal sealed class AstProcessor
{
    private readonly List<Node> _ancestry = [];
    private int _ancestorLabel;
    private int _ancestorIndex;
    private int _depth;

    /// <summary>The deepest syntax tree accepted (evaluation could not go deeper than its own depth limit anyway).</summary>
    private const int MaxDepth = 1000;

    public static Node Process(Node raw)
    {
        var p = new AstProcessor();
        var result = p.Run(raw);
        if (result.Type == NodeType.Parent || result.SeekingParent is not null)
            throw new JsonataException("S0217", "The object representing the 'parent' cannot be derived from this expression", result.Position);
        Optimize(result);
        return result;
    }

    private Node Run(Node expr)
    {
        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new JsonataException("U1001", "The expression is nested too deeply (more than " + MaxDepth + " levels)", expr.Position);
        var processed = RunCore(expr);
        _depth--;
        return processed;
    }

    private Node RunCore(Node expr)
    {
        Node result;
        switch (expr.Type)
        {
            case NodeType.Binary:
                result = Binary(expr);
                break;
            case NodeType.Negate:
                {
                    var operand = Run(expr.Expression!);
                    if (operand.Type == NodeType.Number)
                    {
                        result = new Node(NodeType.Number, operand.Position, operand.Value) { Literal = JsNumber.Create(-((Json.JNumber)operand.Literal!).Value) };
                    }
                    else
                    {
                        result = new Node(NodeType.Negate, expr.Position, "-") { Expression = operand };
                        PushAncestry(result, operand);
                    }

                    break;
                }

            case NodeType.ArrayConstructor:
                result = new Node(NodeType.ArrayConstructor, expr.Position, "[") { Expressions = [] };
                foreach (var item in expr.Expressions!)
                {
                    var v = Run(item);
                    PushAncestry(result, v);
                    result.Expressions.Add(v);
                }

                break;
            case NodeType.ObjectConstructor:
                result = new Node(NodeType.ObjectConstructor, expr.Position, "{") { Pairs = [] };
                foreach (var (k, v) in expr.Pairs!)
                {
                    var key = Run(k);
                    PushAncestry(result, key);
                    var value = Run(v);
                    PushAncestry(result, value);
                    result.Pairs.Add((key, value));
                }

                break;
            case NodeType.Function:
            case NodeType.Partial:
                result = new Node(expr.Type, expr.Position, expr.Value) { Arguments = [] };
                foreach (var a in expr.Arguments!)
                {
                    var arg = Run(a);
                    PushAncestry(result, arg);
                    result.Arguments.Add(arg);
                }

                result.Procedure = Run(expr.Procedure!);
                break;
            case NodeType.Lambda:
                result = new Node(NodeType.Lambda, expr.Position) { Arguments = expr.Arguments, Signature = expr.Signature };
                result.Body = TailCallOptimize(Run(expr.Body!));
                break;
            case NodeType.Condition:
                result = new Node(NodeType.Condition, expr.Position) { Condition = Run(expr.Condition!) };
                PushAncestry(result, result.Condition);
                result.Then = Run(expr.Then!);
                PushAncestry(result, result.Then);
                if (expr.Else is not null)
                {
                    result.Else = Run(expr.Else);
                    PushAncestry(result, result.Else);
                }

                break;
            case NodeType.Elvis:
            case NodeType.Coalesce:
                result = new Node(expr.Type, expr.Position, expr.Value) { Lhs = Run(expr.Lhs!), Rhs = Run(expr.Rhs!) };
                PushAncestry(result, result.Lhs);
                PushAncestry(result, result.Rhs);
                break;
            case NodeType.Apply:
                result = new Node(NodeType.Apply, expr.Position, "~>") { Lhs = Run(expr.Lhs!), Rhs = Run(expr.Rhs!) };
                result.KeepArray = result.Lhs.KeepArray || result.Rhs.KeepArray;
                PushAncestry(result, result.Lhs);
                PushAncestry(result, result.Rhs);
                break;
            case NodeType.Transform:
                result = new Node(NodeType.Transform, expr.Position) { Pattern = Run(expr.Pattern!), Update = Run(expr.Update!) };
                if (expr.Delete is not null)
                    result.Delete = Run(expr.Delete);
                break;
            case NodeType.Block:
                result = new Node(NodeType.Block, expr.Position) { Expressions = [] };
                foreach (var item in expr.Expressions!)
                {
                    var part = Run(item);
                    PushAncestry(result, part);
                    if (part.ConsArray || (part.Type == NodeType.Path && part.Steps![0].ConsArray))
                        result.ConsArray = true;
                    result.Expressions.Add(part);
                }

                break;
            case NodeType.Name:
                result = new Node(NodeType.Path, expr.Position) { Steps = [expr] };
                if (expr.KeepArray)
                    result.KeepSingletonArray = true;
                break;
            case NodeType.Parent:
                result = new Node(NodeType.Parent, expr.Position, "%") { Slot = new AncestorSlot("!" + _ancestorLabel++, 1, _ancestorIndex++) };
                _ancestry.Add(result);
                break;
            case NodeType.String:
            case NodeType.Number:
            case NodeType.Value:
            case NodeType.Wildcard:
            case NodeType.Descendant:
            case NodeType.Variable:
            case NodeType.Regex:
                result = expr;
                break;
            case NodeType.Placeholder:
                result = expr;
                break;
            case NodeType.Operator:
                if (expr.Value == "?")
                {
                    result = expr;
                    break;
                }

                throw new JsonataException("S0201", "Syntax error: " + expr.Value, expr.Position);
            default:
                throw new JsonataException("S0206", "Unknown expression type: " + expr.Type, expr.Position);
        }

        if (expr.KeepArray)
            result.KeepArray = true;
        return result;
    }

    private Node Binary(Node expr)
    {
        Node result;
        switch (expr.Value)
        {
            case ".":
                {
                    var lstep = Run(expr.Lhs!);
                    if (lstep.Type == NodeType.Path)
                    {
                        result = lstep;
                    }
                    else
                    {
                        result = new Node(NodeType.Path, lstep.Position) { Steps = [lstep] };
                    }

                    if (lstep.Type == NodeType.Parent)
                        result.SeekingParent = [lstep.Slot!];
                    var rest = Run(expr.Rhs!);
                    if (rest.Type == NodeType.Path)
                    {
                        result.Steps!.AddRange(rest.Steps!);
                    }
                    else
                    {
                        if (rest.Predicate is not null)
                        {
                            rest.Stages = rest.Predicate;
                            rest.Predicate = null;
                        }

                        result.Steps!.Add(rest);
                    }

                    foreach (var step in result.Steps)
                    {
                        if (step.Type is NodeType.Number or NodeType.Value)
                            throw new JsonataException("S0213", "The literal value " + step.Value + " cannot be used as a step within a path expression", step.Position);
                        if (step.Type == NodeType.String)
                            step.Type = NodeType.Name;
                    }

                    foreach (var step in result.Steps)
                    {
                        if (step.KeepArray)
                            result.KeepSingletonArray = true;
                    }

                    var first = result.Steps[0];
                    if (first.Type == NodeType.ArrayConstructor)
                        first.ConsArray = true;
                    var last = result.Steps[^1];
                    if (last.Type == NodeType.ArrayConstructor)
                        last.ConsArray = true;
                    ResolveAncestry(result);
                    break;
                }

            case "[":
                {
                    result = Run(expr.Lhs!);
                    var step = result;
                    var usesStages = false;
                    if (result.Type == NodeType.Path)
                    {
                        step = result.Steps![^1];
                        usesStages = true;
                    }

                    if (step.Group is not null)
                        throw new JsonataException("S0209", "A predicate cannot follow a grouping expression in a step", expr.Position);
                    var predicate = Run(expr.Rhs!);
                    if (predicate.SeekingParent is not null)
                    {
                        foreach (var slot in predicate.SeekingParent)
                        {
                            if (slot.Level == 1)
                                SeekParent(step, slot);
                            else
                                slot.Level--;
                        }

                        PushAncestry(step, predicate);
                    }

                    var filter = new Node(NodeType.Filter, expr.Position) { Expression = predicate };
                    if (usesStages)
                        (step.Stages ??= []).Add(filter);
                    else
                        (step.Predicate ??= []).Add(filter);
                    break;
                }

            case "{":
                {
                    result = Run(expr.Lhs!);
                    if (result.Group is not null)
                        throw new JsonataException("S0210", "Each step can only have one grouping expression", expr.Position);
                    result.Group = [];
                    foreach (var (k, v) in expr.Pairs!)
                        result.Group.Add((Run(k), Run(v)));
                    break;
                }

            case "^":
                {
                    result = Run(expr.Lhs!);
                    if (result.Type != NodeType.Path)
                        result = new Node(NodeType.Path, result.Position) { Steps = [result] };
                    var sortStep = new Node(NodeType.Sort, expr.Position) { Terms = [] };
                    foreach (var term in expr.Terms!)
                    {
                        var e = Run(term.Expression);
                        PushAncestry(sortStep, e);
                        sortStep.Terms.Add(new SortTerm(e, term.Descending));
                    }

                    result.Steps!.Add(sortStep);
                    ResolveAncestry(result);
                    break;
                }

            case ":=":
                result = new Node(NodeType.Bind, expr.Position, ":=") { Lhs = Run(expr.Lhs!), Rhs = Run(expr.Rhs!) };
                PushAncestry(result, result.Rhs);
                break;
            case "@":
                {
                    result = Run(expr.Lhs!);
                    var step = result;
                    if (result.Type == NodeType.Path)
                        step = result.Steps![^1];
                    if (step.Stages is not null || step.Predicate is not null)
                        throw new JsonataException("S0215", "A context variable binding must precede any predicates on a step", expr.Position);
                    if (step.Type == NodeType.Sort)
                        throw new JsonataException("S0216", "A context variable binding must precede the 'order-by' clause on a step", expr.Position);
                    if (expr.KeepArray)
                        step.KeepArray = true;
                    step.Focus = expr.Rhs!.Value;
                    step.Tuple = true;
                    break;
                }

            case "#":
                {
                    result = Run(expr.Lhs!);
                    var step = result;
                    if (result.Type == NodeType.Path)
                    {
                        step = result.Steps![^1];
                    }
                    else
                    {
                        result = new Node(NodeType.Path, result.Position) { Steps = [result] };
                        if (step.Predicate is not null)
                        {
                            step.Stages = step.Predicate;
                            step.Predicate = null;
                        }
                    }

                    if (step.Stages is null)
                        step.Index = expr.Rhs!.Value;
                    else
                        step.Stages.Add(new Node(NodeType.IndexStage, expr.Position, expr.Rhs!.Value));
                    step.Tuple = true;
                    break;
                }

            default:
                result = new Node(NodeType.Binary, expr.Position, expr.Value) { Op = expr.Op, Lhs = Run(expr.Lhs!), Rhs = Run(expr.Rhs!) };
                PushAncestry(result, result.Lhs);
                PushAncestry(result, result.Rhs);
                break;
        }

        return result;
    }

    private static Node TailCallOptimize(Node expr)
    {
        if (expr.Type == NodeType.Function && expr.Predicate is null)
            return new Node(NodeType.Lambda, expr.Position) { Thunk = true, Arguments = [], Body = expr };
        if (expr.Type == NodeType.Condition)
        {
            expr.Then = TailCallOptimize(expr.Then!);
            if (expr.Else is not null)
                expr.Else = TailCallOptimize(expr.Else);
            return expr;
        }

        if (expr.Type == NodeType.Block && expr.Expressions!.Count > 0)
        {
            expr.Expressions[^1] = TailCallOptimize(expr.Expressions[^1]);
            return expr;
        }

        return expr;
    }

    private AncestorSlot SeekParent(Node node, AncestorSlot slot)
    {
        switch (node.Type)
        {
            case NodeType.Name:
            case NodeType.Wildcard:
                slot.Level--;
                if (slot.Level == 0)
                {
                    if (node.Ancestor is null)
                    {
                        node.Ancestor = slot;
                    }
                    else
                    {
                        _ancestry[slot.Index].Slot!.Label = node.Ancestor.Label;
                        node.Ancestor = slot;
                    }

                    node.Tuple = true;
                }

                break;
            case NodeType.Parent:
                slot.Level++;
                break;
            case NodeType.Block:
                if (node.Expressions!.Count > 0)
                {
                    node.Tuple = true;
                    slot = SeekParent(node.Expressions[^1], slot);
                }

                break;
            case NodeType.Path:
                {
                    node.Tuple = true;
                    var index = node.Steps!.Count - 1;
                    slot = SeekParent(node.Steps[index--], slot);
                    while (slot.Level > 0 && index >= 0)
                        slot = SeekParent(node.Steps[index--], slot);
                    break;
                }

            default:
                throw new JsonataException("S0217", "The object representing the 'parent' cannot be derived from this expression", node.Position);
        }

        return slot;
    }

    private static void PushAncestry(Node result, Node value)
    {
        if (value.SeekingParent is null && value.Type != NodeType.Parent)
            return;
        var slots = value.SeekingParent is null ? [] : new List<AncestorSlot>(value.SeekingParent);
        if (value.Type == NodeType.Parent)
            slots.Add(value.Slot!);
        if (result.SeekingParent is null)
            result.SeekingParent = slots;
        else
            result.SeekingParent.AddRange(slots);
    }

    private void ResolveAncestry(Node path)
    {
        var steps = path.Steps!;
        var laststep = steps[^1];
        var slots = laststep.SeekingParent is null ? [] : new List<AncestorSlot>(laststep.SeekingParent);
        if (laststep.Type == NodeType.Parent)
            slots.Add(laststep.Slot!);
        foreach (var s in slots)
        {
            var slot = s;
            var index = steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }

                var step = steps[index--];
                while (index >= 0 && step.Focus is not null && steps[index].Focus is not null)
                    step = steps[index--];
                slot = SeekParent(step, slot);
            }
        }
    }

    /// <summary>Marks paths of a variable followed by plain names for the evaluator's fast path.</summary>
    private static void Optimize(Node node)
    {
        if (node.Type == NodeType.Regex && node.RegexFunction is null)
            node.RegexFunction = new RegexFunction(node.Regex!);
        if (node.Type == NodeType.Path && node.Steps is { Count: > 1 } steps && !node.KeepSingletonArray && node.Group is null && !node.Tuple
            && steps[0].Type == NodeType.Variable && IsPlain(steps[0]))
        {
            var ok = true;
            var indexes = new int?[steps.Count - 1];
            for (var i = 1; i < steps.Count && ok; i++)
            {
                var step = steps[i];
                ok = step.Type == NodeType.Name;
                if (ok && step.Stages is { Count: 1 } stages && stages[0].Type == NodeType.Filter && stages[0].Expression is { Type: NodeType.Number } lit
                    && ((Json.JNumber)lit.Literal!).Value is var d && Math.Floor(d) == d && Math.Abs(d) < int.MaxValue)
                {
                    indexes[i - 1] = (int)d;
                    ok = step.Predicate is null && step.Group is null && !step.Tuple && !step.KeepArray && step.Focus is null && step.Index is null && step.Ancestor is null;
                }
                else
                {
                    ok = ok && IsPlain(step);
                }
            }

            if (ok)
            {
                var names = new string[steps.Count - 1];
                for (var i = 1; i < steps.Count; i++)
                    names[i - 1] = steps[i].Value!;
                node.SimpleNames = names;
                node.SimpleIndexes = indexes;
            }
        }

        foreach (var child in Children(node))
            Optimize(child);
    }

    private static bool IsPlain(Node step) =>
        step.Stages is null && step.Predicate is null && step.Group is null && !step.Tuple && !step.KeepArray && step.Focus is null && step.Index is null && step.Ancestor is null;

    private static IEnumerable<Node> Children(Node n)
    {
        foreach (var x in new[] { n.Lhs, n.Rhs, n.Expression, n.Condition, n.Then, n.Else, n.Procedure, n.Body, n.Pattern, n.Update, n.Delete })
        {
            if (x is not null)
                yield return x;
        }

        foreach (var list in new[] { n.Expressions, n.Arguments, n.Steps, n.Predicate, n.Stages })
        {
            if (list is null)
                continue;
            foreach (var x in list)
                yield return x;
        }

        foreach (var pairs in new[] { n.Pairs, n.Group })
        {
            if (pairs is null)
                continue;
            foreach (var (k, v) in pairs)
            {
                yield return k;
                yield return v;
            }
        }

        if (n.Terms is not null)
        {
            foreach (var t in n.Terms)
                yield return t.Expression;
        }
    }
}
