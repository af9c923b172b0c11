using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AttentionGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttentionGen.CodeFixes;

/// <summary>
/// ATTN0005 (<c>KeyValueHeads</c> does not divide <c>Heads</c>) and ATTN0009 (<c>Heads</c> does not divide <c>ModelDim</c>):
/// offers the allowed values nearest to the one written, the one below first.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplacementValueCodeFix)), Shared]
public sealed class ReplacementValueCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.KeyValueHeadsMustDivideHeads.Id,
        DiagnosticDescriptors.HeadsMustDivideModelDim.Id);

    /// <summary>None: which value is right differs from one declaration to the next.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax argument
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Property, out string? property)
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacements, out string? replacements)
                || string.IsNullOrEmpty(replacements))
            {
                continue;
            }

            foreach (string replacement in replacements!.Split(','))
            {
                int value = int.Parse(replacement, CultureInfo.InvariantCulture);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Set {property} = {replacement}",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, Literal(value, argument.Expression)))),
                        equivalenceKey: $"{diagnostic.Id}={replacement}"),
                    diagnostic);
            }
        }
    }

    private static LiteralExpressionSyntax Literal(int value, ExpressionSyntax replaced)
        => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(replaced);
}
