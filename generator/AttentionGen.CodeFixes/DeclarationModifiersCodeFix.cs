using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AttentionGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AttentionGen.CodeFixes;

/// <summary>
/// ATTN0001: declares the kernel or layer class <c>static partial</c> (dropping <c>sealed</c>/<c>abstract</c>, which a static
/// class cannot have); ATTN0002: declares the containing type <c>partial</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclarationModifiersCodeFix)), Shared]
public sealed class DeclarationModifiersCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ClassMustBeStaticPartial.Id,
        DiagnosticDescriptors.ContainingTypeMustBePartial.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            bool isKernelClass = diagnostic.Id == DiagnosticDescriptors.ClassMustBeStaticPartial.Id;
            context.RegisterCodeFix(
                CodeAction.Create(
                    isKernelClass ? $"Declare '{declaration.Identifier.ValueText}' static partial" : $"Declare '{declaration.Identifier.ValueText}' partial",
                    cancellationToken => ChangeModifiersAsync(context.Document, declaration, isKernelClass, cancellationToken),
                    equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> ChangeModifiersAsync(Document document, TypeDeclarationSyntax declaration, bool makeStatic, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        SyntaxGenerator generator = editor.Generator;
        DeclarationModifiers modifiers = generator.GetModifiers(declaration).WithPartial(true);
        if (makeStatic)
        {
            modifiers = modifiers.WithIsStatic(true).WithIsSealed(false).WithIsAbstract(false);
        }

        editor.ReplaceNode(declaration, generator.WithModifiers(declaration, modifiers));
        return editor.GetChangedDocument();
    }
}
