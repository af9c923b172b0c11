using System.Collections.Generic;
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

    private void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (ProblemReporter.FindAttribute(type, attributeType) is { } attribute)
        {
            ProblemReporter.Report(context, type, attribute, Validate(type, attribute, context.CancellationToken));
        }
    }
}
