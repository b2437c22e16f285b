using Quickstep.Asl.Errors;
using Quickstep.Asl.Model;
using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Compilation;

/// <summary>A compiled Choice rule condition (comparison, And/Or/Not, or JSONata Condition).</summary>
internal abstract class ChoiceCondition
{
    /// <summary>
    /// Whether the rule matches; false with <paramref name="error"/> set when evaluating it failed (the caller
    /// passes null; a rule writes it only when it fails, so the matching path costs one null check).
    /// </summary>
    public abstract bool Evaluate(in EvaluationScope scope, ref StatesError? error);

    /// <summary>Builds the condition from the rule and the expressions the loader parsed (<paramref name="expressions"/>).</summary>
    public static ChoiceCondition Compile(ChoiceRule rule, QueryLanguage language, ExpressionTable expressions)
    {
        if (language == QueryLanguage.JSONata)
            return CompileJsonata(rule, expressions);
        if (rule.And is not null)
            return new AndCondition([.. rule.And.Select(r => Compile(r, language, expressions))]);
        if (rule.Or is not null)
            return new OrCondition([.. rule.Or.Select(r => Compile(r, language, expressions))]);
        if (rule.Not is not null)
            return new NotCondition(Compile(rule.Not, language, expressions));
        if (rule.Variable is null || rule.Operator is null || rule.Operand is null)
            throw new TemplateCompileException("A Choice rule needs a Variable and one comparison operator", rule.Pointer);
        return Comparison.Create(expressions.Path(rule.Variable), rule.Operator, rule.Operand, expressions);
    }

    private static ChoiceCondition CompileJsonata(ChoiceRule rule, ExpressionTable expressions)
    {
        switch (rule.Condition)
        {
            case JBool b:
                return new ConstantCondition(b.Value);
            case JString s when JsonataTemplate.IsExpression(s.Value):
                return new JsonataCondition(expressions.Jsonata(s.Value));
            default:
                throw new TemplateCompileException("A JSONata Choice rule needs a Condition that is a boolean or a {% %} expression", rule.Pointer);
        }
    }

    private sealed class AndCondition(ChoiceCondition[] rules) : ChoiceCondition
    {
        public override bool Evaluate(in EvaluationScope scope, ref StatesError? error)
        {
            foreach (var r in rules)
            {
                if (!r.Evaluate(scope, ref error))
                    return false;
            }

            return true;
        }
    }

    private sealed class OrCondition(ChoiceCondition[] rules) : ChoiceCondition
    {
        public override bool Evaluate(in EvaluationScope scope, ref StatesError? error)
        {
            foreach (var r in rules)
            {
                if (r.Evaluate(scope, ref error))
                    return true;
                if (error is not null)
                    return false;
            }

            return false;
        }
    }

    private sealed class NotCondition(ChoiceCondition rule) : ChoiceCondition
    {
        public override bool Evaluate(in EvaluationScope scope, ref StatesError? error) => !rule.Evaluate(scope, ref error) && error is null;
    }

    private sealed class ConstantCondition(bool value) : ChoiceCondition
    {
        public override bool Evaluate(in EvaluationScope scope, ref StatesError? error) => value;
    }

    private sealed class JsonataCondition(JsonataExpression expression) : ChoiceCondition
    {
        public override bool Evaluate(in EvaluationScope scope, ref StatesError? error)
        {
            error = JsonataTemplate.EvaluateOrUndefined(expression, "Condition", scope, out var value);
            if (error is not null)
                return false;
            switch (value)
            {
                case JBool b:
                    return b.Value;
                case null:
                    error = new StatesError(StatesErrors.QueryEvaluationError, $"The JSONata expression '{expression.Text}' specified for the field 'Condition' returned nothing (undefined).");
                    return false;
                default:
                    error = new StatesError(StatesErrors.QueryEvaluationError, $"The JSONata expression '{expression.Text}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '{value.TypeName}' for value: {value}");
                    return false;
            }
        }
    }
}
