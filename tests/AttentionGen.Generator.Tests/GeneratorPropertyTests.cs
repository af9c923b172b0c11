using System;
using System.Collections.Immutable;
using System.Linq;
using AttentionGen.Generator.Model;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Xunit;

namespace AttentionGen.Generator.Tests;

/// <summary>
/// Random declarations, valid and invalid, with odd names, nesting, modifiers and members, each beside a kernel that
/// is always valid: the generator never throws; a declaration the analyzers pass gets code that compiles without a new
/// error or any warning; one they report gets no code; and the valid kernel's code is always there.
/// </summary>
public class GeneratorPropertyTests
{
    private const string AlwaysValid = """
        namespace Fixed { [AttentionGen.AttentionKernel(HeadDim = 4, SeqLen = 3)] static partial class AlwaysValid { } }
        """;

    [Fact]
    public void Random_declarations_get_clean_code_or_a_diagnostic_and_never_crash_the_generator()
    {
        int valid = 0, invalid = 0;
        RandomDeclaration.Sample(
            declaration => _ = Check(declaration) ? valid++ : invalid++, iter: 300, threads: 1, print: declaration => declaration.Source);

        // Both kinds in numbers, or the property says little.
        valid.ShouldBeGreaterThan(30);
        invalid.ShouldBeGreaterThan(30);
    }

    /// <summary>Checks one declaration; tells whether the analyzers passed it.</summary>
    private static bool Check(Declaration declaration)
    {
        string source = declaration.Source + "\n" + AlwaysValid;
        UserCompilation user = new(GeneratorHarness.Compile(source));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Generate(source);

        GeneratorRunResult result = run.Results.Single();
        result.Exception.ShouldBeNull();
        run.Diagnostics.ShouldBeEmpty();
        result.GeneratedSources.ShouldContain(s => s.HintName.StartsWith("Fixed.AlwaysValid.", StringComparison.Ordinal), "a bad declaration removed another's code");

        if (user.Errors > 0)
        {
            return false; // the user's own code does not compile (a type named as its container, say): no more to hold it to
        }

        ImmutableArray<Diagnostic> analyzed = GeneratorHarness.AnalyzeAll(source);
        analyzed.Where(d => d.Id == "AD0001").ShouldBeEmpty("an analyzer threw");
        bool reported = analyzed.Any(d => d.Id.StartsWith("ATTN", StringComparison.Ordinal));
        ImmutableArray<GeneratedSourceResult> declared = result.GeneratedSources.RemoveAll(s => s.HintName.StartsWith("Fixed.AlwaysValid.", StringComparison.Ordinal));
        if (reported)
        {
            declared.ShouldBeEmpty("a declaration with an ATTN diagnostic got code");
            return false;
        }

        declared.Length.ShouldBe(1, "a declaration with no ATTN diagnostic got no code");
        Diagnostic[] inGenerated = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && !user.Holds(tree))
            .ToArray();
        inGenerated.ShouldBeEmpty("warnings or errors in generated code");
        int newErrors = output.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error) - user.Errors;
        newErrors.ShouldBe(0, "the generated code broke the user's: " + string.Join("\n", output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)));
        UserClass(output, declaration.ClassName).GetMembers().Select(m => m.Name).ShouldContain(
            name => name == "Compute" || name == "Forward", "the generated members landed in the user's class");
        foreach (string member in GeneratedMembers(declared[0].SyntaxTree, declaration.ClassName))
        {
            GeneratedNames.Members.ShouldContain(member, "a generated member the collision check does not know");
        }

        return true;
    }

    /// <summary>The annotated class as the compiler sees it, declared in the user's own file.</summary>
    private static INamedTypeSymbol UserClass(Compilation output, string className)
    {
        SyntaxTree tree = output.SyntaxTrees.First();
        ClassDeclarationSyntax declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .First(c => c.Identifier.ValueText == className.TrimStart('@') && c.AttributeLists.Count > 0);
        return (INamedTypeSymbol)output.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!;
    }

    /// <summary>The members generated code declares in the user's class (not in the layer's nested kernel).</summary>
    private static string[] GeneratedMembers(SyntaxTree tree, string className)
        => tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Where(c => c.Identifier.ValueText == className.TrimStart('@'))
            .OrderByDescending(c => c.Ancestors().Count()) // the innermost: a containing type may share the name
            .First().Members
            .SelectMany(m => m switch
            {
                FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.Text),
                MethodDeclarationSyntax method => new[] { method.Identifier.Text },
                PropertyDeclarationSyntax property => new[] { property.Identifier.Text },
                BaseTypeDeclarationSyntax type => new[] { type.Identifier.Text },
                _ => Array.Empty<string>(),
            })
            .ToArray();

    private sealed class UserCompilation(Compilation compilation)
    {
        public int Errors { get; } = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

        public bool Holds(SyntaxTree tree) => compilation.SyntaxTrees.Any(t => t.FilePath == tree.FilePath);
    }

    /// <summary>A random annotated class in its namespace and containing types, as source.</summary>
    private sealed record Declaration(string Source, string ClassName);

    private static readonly Gen<string> Namespaces = Gen.OneOf("", "N1", "n1", "Models.Attention", "@class.Inner", "Ünicode", "System.Numerics.Local");

    private static readonly Gen<string> Containers = Gen.Frequency(
        (6, Gen.OneOf("partial class Outer", "partial struct Outer", "partial record Outer", "partial record struct Outer", "partial interface IOuter",
            "static partial class Outer", "ref partial struct Outer", "partial class @event", "readonly partial struct Outer")),
        (1, Gen.OneOf("class Outer", "partial class Outer<T>", "file partial class Outer")));

    private static readonly Gen<string> Modifiers = Gen.Frequency(
        (8, Gen.OneOf("static partial class", "internal static partial class", "public static partial class", "static unsafe partial class")),
        (1, Gen.OneOf("partial class", "static class", "file static partial class", "partial record", "sealed partial class")));

    private static readonly Gen<string> Names = Gen.Frequency(
        (8, Gen.OneOf("K", "k", "Kernel", "@class", "@event", "Über", "Outer", "@Kernel")),
        (1, Gen.OneOf("Compute", "HeadDim", "StackBytes")));

    private static readonly Gen<string> Members = Gen.Frequency(
        (8, Gen.OneOf("", "private static int Helper() => 1;", "public static int Stride;", "internal const string Note = \"n\";")),
        (1, Gen.OneOf("public const int HeadDim = 3;", "public static void Compute() { }", "private const int QueryRowStride = 1;", "public static int ScratchBytes => 0;")));

    /// <summary>A property left out, set to a valid value, or now and then to an invalid one.</summary>
    private static Gen<string> Property(string name, string[] valid, params string[] invalid)
        => Gen.Frequency(
            (12, Gen.Const("")),
            (12, Gen.OneOf(valid).Select(value => $"{name} = {value}")),
            (1, Gen.OneOf(invalid).Select(value => $"{name} = {value}")));

    private static readonly Gen<string> KernelAttribute = Gen.Select(
            Gen.Frequency((20, Gen.OneOf("HeadDim = 1", "HeadDim = 3", "HeadDim = 8", "HeadDim = 17", "HeadDim = 64")), (1, Gen.OneOf("HeadDim = 0", "HeadDim = 5000", ""))),
            Gen.Frequency((20, Gen.OneOf("SeqLen = 1", "SeqLen = 2", "SeqLen = 9", "SeqLen = 16")), (1, Gen.OneOf("SeqLen = 0", ""))),
            Property("KeySeqLen", ["1", "9", "33"], "0", "131073"),
            Property("ValueDim", ["5", "16"], "-1"),
            Gen.Select(Property("Heads", ["2", "4", "6"], "-2"), Property("KeyValueHeads", ["1", "2"], "3")),
            Gen.Frequency(
                (8, Gen.Select(Property("Score", ["AttentionScore.DotProduct", "AttentionScore.Gaussian"], "(AttentionScore)7"), Gen.Const(""), Gen.Const(""))),
                (2, Gen.Select(Gen.Const("Score = AttentionScore.Additive"), Gen.Const("HiddenDim = 8"), Property("KeyDim", ["8", "12"], "5000"))),
                (1, Gen.Select(Gen.Const(""), Property("HiddenDim", ["8"], "0"), Property("KeyDim", ["12"], "0")))),
            Gen.Select(
                Property("Mask", ["AttentionMask.Causal", "AttentionMask.KeyPadding | AttentionMask.Boolean", "AttentionMask.Additive | AttentionMask.Causal"], "(AttentionMask)64"),
                Property("Layout", ["AttentionLayout.Interleaved"], "(AttentionLayout)5"),
                Property("ElementType", ["typeof(double)", "typeof(System.Half)"], "typeof(int)"),
                Property("Softcap", ["3"], "-2"), Property("Scale", ["0.5"], "-1", "double.NaN"),
                Property("LeftWindow", ["0", "3", "-1"], "-2"), Property("RightWindow", ["2"], "-5"),
                Gen.Select(Property("Sinks", ["true"], "false"), Property("AlibiMaxBias", ["8", "0.5"], "-1", "double.PositiveInfinity"),
                    (sinks, alibi) => string.Join(", ", new[] { sinks, alibi }.Where(part => part.Length > 0)))),
            (headDim, seqLen, keySeqLen, valueDim, heads, score, options) => "AttentionKernel(" + string.Join(", ", new[]
            {
                headDim, seqLen, keySeqLen, valueDim, heads.Item1, heads.Item2, score.Item1, score.Item2, score.Item3,
                options.Item1, options.Item2, options.Item3, options.Item4, options.Item5, options.Item6, options.Item7, options.Item8,
            }.Where(part => part.Length > 0)) + ")");

    private static readonly Gen<string> LayerAttribute = Gen.Select(
            Gen.Frequency((10, Gen.OneOf("ModelDim = 16", "ModelDim = 24")), (1, Gen.OneOf("ModelDim = 30", "ModelDim = 0"))),
            Gen.Frequency((10, Gen.OneOf("Heads = 2", "Heads = 4")), (1, Gen.Const(""))),
            Gen.Frequency((10, Gen.Const("SeqLen = 3")), (1, Gen.Const("SeqLen = 0"))),
            Property("Mask", ["AttentionMask.Causal", "AttentionMask.KeyPadding"], "(AttentionMask)64"),
            (model, heads, seqLen, mask) => "MultiHeadAttention(" + string.Join(", ", new[] { model, heads, seqLen, mask }.Where(p => p.Length > 0)) + ")");

    private static readonly Gen<string> Attributes = Gen.Frequency(
        (6, KernelAttribute.Select(a => $"[{a}]")),
        (3, LayerAttribute.Select(a => $"[{a}]")),
        (1, Gen.Select(KernelAttribute, LayerAttribute, (kernel, layer) => $"[{kernel}] [{layer}]")));

    private static readonly Gen<Declaration> RandomDeclaration = Gen.Select(
        Namespaces, Containers.Array[0, 2], Modifiers, Names, Members.Array[0, 2], Attributes,
        (ns, containers, modifiers, name, members, attribute) =>
        {
            string body = $"{attribute}\n{modifiers} {name} {{ {string.Join(" ", members)} }}";
            for (int i = containers.Length - 1; i >= 0; i--)
            {
                body = $"{containers[i].Replace("Outer", "Outer" + i, StringComparison.Ordinal)} {{\n{body}\n}}";
            }

            string source = "using AttentionGen;\n" + (ns.Length > 0 ? $"namespace {ns} {{\n{body}\n}}" : body);
            return new Declaration(source, name);
        });
}
