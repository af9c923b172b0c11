extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
    /// <summary>
    /// The running runtime's assemblies and AttentionGen: the library's built-in reference packs would be fetched from
    /// NuGet at test time, and this registry lacks them.
    /// </summary>
    private static readonly MetadataReference[] References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(runtime::AttentionGen.AttentionKernelAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();

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
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(References);
            FixedState.AdditionalReferences.AddRange(References);
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(AttentionKernelGenerator)];
    }
}
