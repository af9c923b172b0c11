using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Shouldly;
using Xunit;

namespace AttentionGen.Generator.Tests;

/// <summary>The pipeline caches what did not change, regenerates what did, and keeps no Roslyn objects in its models.</summary>
public class IncrementalityTests
{
    private const string Source = """
        using AttentionGen;
        namespace Models;

        [AttentionKernel(HeadDim = 16, SeqLen = 8, Mask = AttentionMask.Causal)]
        static partial class Kernel { }
        """;

    private static readonly string[] TrackedSteps = { TrackingNames.Declarations, TrackingNames.Specs };

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Models; class Unrelated { int Field; }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            second.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason)
                .ShouldAllBe(reason => reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged, step);
        }

        second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs)
            .ShouldAllBe(output => output.Reason == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void A_changed_HeadDim_regenerates_the_kernel()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        SyntaxTree tree = compilation.SyntaxTrees[0];
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Source.Replace("HeadDim = 16", "HeadDim = 24"))));
        GeneratorDriverRunResult rerun = driver.RunGenerators(edited).GetRunResult();

        rerun.Results.Single().TrackedSteps[TrackingNames.Specs].SelectMany(run => run.Outputs)
            .ShouldContain(output => output.Reason == IncrementalStepRunReason.Modified);
        string after = rerun.GeneratedTrees.Single().ToString();
        after.ShouldNotBe(before);
        after.ShouldContain("public const int HeadDim = 24;");
    }

    [Fact]
    public void No_step_output_holds_a_symbol_a_syntax_node_or_a_compilation()
    {
        GeneratorRunResult run = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(Source)).GetRunResult().Results.Single();
        foreach (string step in TrackedSteps)
        {
            foreach (object value in run.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Value))
            {
                AssertNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
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
