using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Shouldly;

namespace AttentionGen.Generator.Tests;

/// <summary>
/// What every generator run in these tests is checked for: each pipeline step named in <see cref="TrackingNames"/>
/// (found by reflection, so a new step cannot be forgotten) is cached on a rerun, and no step keeps a Roslyn object,
/// which would pin a compilation in memory and defeat the cache.
/// </summary>
internal static class IncrementalityChecks
{
    /// <summary>Every tracking name <see cref="TrackingNames"/> declares.</summary>
    public static readonly string[] TrackingNameValues = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    /// <summary>
    /// A rerun on an unchanged (cloned) compilation: every tracked step that ran (a source with no layer runs no layer
    /// step) and every output cached or unchanged.
    /// </summary>
    public static void AssertAllCached(GeneratorDriverRunResult rerun)
    {
        GeneratorRunResult result = rerun.Results.ShouldHaveSingleItem();
        foreach (string name in TrackingNameValues.Where(result.TrackedSteps.ContainsKey))
        {
            result.TrackedSteps[name].SelectMany(step => step.Outputs)
                .ShouldAllBe(output => output.Reason == IncrementalStepRunReason.Cached || output.Reason == IncrementalStepRunReason.Unchanged, name);
        }

        result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs)
            .ShouldAllBe(output => output.Reason == IncrementalStepRunReason.Cached);
    }

    /// <summary>No tracked step's output holds a symbol, a syntax node or tree, a semantic model or a compilation.</summary>
    public static void AssertNoRoslynObjects(GeneratorDriverRunResult run)
    {
        GeneratorRunResult result = run.Results.ShouldHaveSingleItem();
        foreach (string name in TrackingNameValues)
        {
            foreach (object value in result.TrackedSteps.GetValueOrDefault(name, []).SelectMany(step => step.Outputs).Select(output => output.Value))
            {
                AssertNoRoslynObjects(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        (value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree).ShouldBeFalse($"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                AssertNoRoslynObjects(item, $"{path}[{index++}]", seen);
            }
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
