using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AttentionGen.Generator.Tests;

/// <summary>
/// Roslyn's code-fix test: the diagnostics marked in the source (<c>{|ATTN0013:…|}</c>) must be exactly those reported, and
/// applying the fix must give the fixed source, which must then have none. The generator runs too, so calls of generated
/// methods bind.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Checks the marked diagnostics and the fix (<paramref name="actionIndex"/> picks among several offered).</summary>
    public static Task VerifyAsync(string source, string fixedSource, int? actionIndex = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionIndex = actionIndex };
        return test.RunAsync(CancellationToken.None);
    }

    private sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            // The harness's own references: the library's built-in reference packs would be fetched from NuGet at test
            // time, and this registry lacks them.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
            FixedState.AdditionalReferences.AddRange(GeneratorHarness.References);
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(AttentionKernelGenerator)];
    }
}
