using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>
/// Reports every reason a class carrying one of AttentionGen's attributes gets no generated code: each derived analyzer
/// names its attribute and its rules, which are the generator's own.
/// </summary>
public abstract class DeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The metadata name of the attribute this analyzer checks.</summary>
    private protected abstract string AttributeMetadataName { get; }

    /// <summary>The problems of one annotated class, by the generator's rules.</summary>
    private protected abstract IEnumerable<KernelProblem> Validate(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attributeType = start.Compilation.GetTypeByMetadataName(AttributeMetadataName);
            if (attributeType is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, attributeType), SymbolKind.NamedType);
            }
        });
    }

    /// <summary>
    /// Reports, from each type, the problems that are on it: a class's own from the class, and a containing type's (not
    /// partial, generic) from that type. A diagnostic outside the symbol that reports it is non-local: the IDE would show
    /// it, and offer its fix, only in full-solution analysis.
    /// </summary>
    private void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (INamedTypeSymbol annotated in SelfAndNested(type))
        {
            if (ProblemReporter.FindAttribute(annotated, attributeType) is { } attribute)
            {
                IEnumerable<KernelProblem> problems = Validate(annotated, attribute, context.CancellationToken)
                    .Where(problem => SymbolEqualityComparer.Default.Equals(ProblemReporter.TypeToChange(problem, annotated), type));
                ProblemReporter.Report(context, annotated, attribute, problems);
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> SelfAndNested(INamedTypeSymbol type)
        => new[] { type }.Concat(type.GetTypeMembers().SelectMany(SelfAndNested));
}
