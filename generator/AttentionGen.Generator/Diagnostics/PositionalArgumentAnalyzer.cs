using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AttentionGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>
/// Warns when neighbouring parameters of one type (<c>validKeys</c> and <c>causalOffset</c> above all) of a generated kernel,
/// a generated layer or the generic path get their arguments by position, where a swap compiles and runs silently.
/// </summary>
/// <remarks>
/// Numbers are flagged unless each argument is a variable named as its parameter. Spans (<c>query, key, value</c>) are
/// flagged only when an argument is named as another parameter of the run (<c>key</c> passed as the value): their
/// positional order is the formula's own, and flagging it everywhere would bury the warnings that matter.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PositionalArgumentAnalyzer : DiagnosticAnalyzer
{
    private const string GenericPathMetadataName = "AttentionGen.Attention";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SameTypedArgumentsByPosition);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol?[] owners =
            [
                start.Compilation.GetTypeByMetadataName(KernelDeclarationParser.AttributeMetadataName),
                start.Compilation.GetTypeByMetadataName(LayerDeclarationParser.AttributeMetadataName),
            ];
            INamedTypeSymbol? genericPath = start.Compilation.GetTypeByMetadataName(GenericPathMetadataName);
            if (genericPath is not null)
            {
                start.RegisterOperationAction(
                    operation => Analyze(operation, type => SymbolEqualityComparer.Default.Equals(type, genericPath) || IsDeclaredBy(type, owners)),
                    OperationKind.Invocation);
            }
        });
    }

    private static bool IsDeclaredBy(INamedTypeSymbol type, INamedTypeSymbol?[] attributes)
        => type.GetAttributes().Any(a => attributes.Any(attribute => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)));

    private static void Analyze(OperationAnalysisContext context, Func<INamedTypeSymbol, bool> isAttentionType)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!isAttentionType(invocation.TargetMethod.ContainingType))
        {
            return;
        }

        // Arguments in parameter order; each run of neighbours of one type is checked on its own.
        IArgumentOperation[] arguments = invocation.Arguments
            .Where(a => a.Parameter is not null)
            .OrderBy(a => a.Parameter!.Ordinal)
            .ToArray();
        int start = 0;
        for (int i = 1; i <= arguments.Length; i++)
        {
            if (i == arguments.Length || !SymbolEqualityComparer.Default.Equals(arguments[i].Parameter!.Type, arguments[start].Parameter!.Type))
            {
                CheckRun(context, arguments.AsSpan(start, i - start));
                start = i;
            }
        }
    }

    private static void CheckRun(OperationAnalysisContext context, ReadOnlySpan<IArgumentOperation> run)
    {
        List<IArgumentOperation> positional = [];
        foreach (IArgumentOperation argument in run)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Syntax is ArgumentSyntax { NameColon: null })
            {
                positional.Add(argument);
            }
        }

        if (positional.Count < 2 || !(IsNumber(positional[0].Parameter!.Type) ? positional.Any(IsUnnamed) : AnyNamedAsAnother(positional)))
        {
            return;
        }

        string[] names = positional.Select(a => a.Parameter!.Name).ToArray();
        Location location = Location.Create(
            positional[0].Syntax.SyntaxTree,
            TextSpan.FromBounds(positional[0].Syntax.SpanStart, positional[positional.Count - 1].Syntax.Span.End));
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.SameTypedArgumentsByPosition,
            location,
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Parameters, string.Join(",", names)),
            Enumerate(names)));
    }

    /// <summary><c>'a', 'b' and 'c'</c>.</summary>
    private static string Enumerate(string[] names)
        => string.Join(", ", names.Take(names.Length - 1).Select(Quote)) + " and " + Quote(names[names.Length - 1]);

    private static string Quote(string name) => "'" + name + "'";

    private static bool IsNumber(ITypeSymbol type) => type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double;

    /// <summary>Whether the argument is anything but a variable or member named as its parameter.</summary>
    private static bool IsUnnamed(IArgumentOperation argument) => !Matches(NameOf(argument), argument.Parameter!.Name);

    /// <summary>Whether an argument is named as another parameter of the run: <c>key</c> passed as the value.</summary>
    private static bool AnyNamedAsAnother(List<IArgumentOperation> run)
        => run.Any(argument => run.Any(other => other != argument && Matches(NameOf(argument), other.Parameter!.Name)));

    private static string? NameOf(IArgumentOperation argument) => argument.Syntax is ArgumentSyntax { Expression: var expression }
        ? expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        }
        : null;

    /// <summary>Names match ignoring case and a leading underscore (<c>_validKeys</c>, <c>ValidKeys</c>).</summary>
    private static bool Matches(string? name, string parameter)
        => name is not null && string.Equals(name.TrimStart('_'), parameter, StringComparison.OrdinalIgnoreCase);
}
