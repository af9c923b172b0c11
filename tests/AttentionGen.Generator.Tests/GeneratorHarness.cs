extern alias runtime;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using AttentionGen.Generator;
using AttentionGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttentionGen.Generator.Tests;

/// <summary>Compiles consumer source against the running runtime's assemblies and AttentionGen, and runs the generator and analyzer on it.</summary>
internal static partial class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The running runtime's assemblies and AttentionGen: what a consumer of the package compiles against.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(runtime::AttentionGen.AttentionKernelAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    public static CSharpCompilation Compile(string source) => CSharpCompilation.Create(
        "Consumer",
        new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Consumer.cs") },
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static ImmutableArray<Diagnostic> AnalyzeLayer(string source)
        => Compile(source)
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new MultiHeadAttentionAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result;

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        new[] { new AttentionKernelGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator; returns the run and the compilation with the generated files added. Every run is checked for
    /// incrementality on the way (<see cref="IncrementalityChecks"/>): the generator runs a second time on a clone of the
    /// compilation, and every tracked step must then report cached, and none may hold a Roslyn object.
    /// </summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Generate(string source)
    {
        CSharpCompilation compilation = Compile(source);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult run = driver.GetRunResult();
        IncrementalityChecks.AssertNoRoslynObjects(run);
        IncrementalityChecks.AssertAllCached(driver.RunGenerators(compilation.Clone()).GetRunResult());
        return (run, output);
    }

    public static ImmutableArray<Diagnostic> Analyze(string source)
        => Compile(source)
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AttentionKernelAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result;

    /// <summary>Both analyzers' diagnostics: the kernel's and the layer's.</summary>
    public static ImmutableArray<Diagnostic> AnalyzeAll(string source)
        => Compile(source)
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AttentionKernelAnalyzer(), new MultiHeadAttentionAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result;

    /// <summary>The generated text with the generator's version replaced, so snapshots survive a version bump.</summary>
    public static string Scrub(string generated) => VersionPattern().Replace(generated, "\"AttentionGen\", \"VERSION\"");

    [GeneratedRegex("\"AttentionGen\", \"[0-9.]+\"")]
    private static partial Regex VersionPattern();
}
