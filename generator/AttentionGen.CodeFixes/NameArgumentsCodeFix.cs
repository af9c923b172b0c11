using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AttentionGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AttentionGen.CodeFixes;

/// <summary>ATTN0013: names the same-typed arguments passed by position (<c>validKeys: 100, causalOffset: 3</c>), keeping their order and meaning.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NameArgumentsCodeFix)), Shared]
public sealed class NameArgumentsCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.SameTypedArgumentsByPosition.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Parameters, out string? parameters) && parameters is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Name the arguments",
                        cancellationToken => NameAsync(context.Document, diagnostic.Location.SourceSpan, parameters.Split(','), cancellationToken),
                        equivalenceKey: nameof(NameArgumentsCodeFix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> NameAsync(Document document, TextSpan span, string[] names, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        if (root.FindNode(span) is not ArgumentListSyntax list)
        {
            return document;
        }

        ArgumentSyntax[] positional = list.Arguments.Where(argument => argument.NameColon is null && span.Contains(argument.Span)).ToArray();
        if (positional.Length != names.Length)
        {
            return document;
        }

        SyntaxNode named = root.ReplaceNodes(positional, (original, _) =>
        {
            string name = names[Array.IndexOf(positional, original)];
            return original
                .WithoutLeadingTrivia()
                .WithNameColon(SyntaxFactory.NameColon(name).WithTrailingTrivia(SyntaxFactory.Space))
                .WithLeadingTrivia(original.GetLeadingTrivia());
        });
        return document.WithSyntaxRoot(named);
    }
}
