using AttentionGen.Generator.Diagnostics;
using AttentionGen.Generator.Emit;
using AttentionGen.Generator.Model;
using AttentionGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttentionGen.Generator;

/// <summary>
/// The incremental generator: each <c>[AttentionKernel]</c> class becomes a <see cref="KernelDeclaration"/>, a valid one
/// a <see cref="KernelSpec"/>, and each spec one generated file; each <c>[MultiHeadAttention]</c> class likewise becomes
/// a <see cref="LayerSpec"/> and one file. Invalid declarations get no code; the analyzers report why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AttentionKernelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<KernelDeclaration?> declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KernelDeclarationParser.AttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (context, cancellationToken) => KernelDeclarationParser.IsFirstAttributedDeclaration(
                    (INamedTypeSymbol)context.TargetSymbol, context.TargetNode, context.Attributes[0].AttributeClass)
                    ? KernelDeclarationParser.Parse((INamedTypeSymbol)context.TargetSymbol, context.Attributes[0], cancellationToken)
                    : null)
            .WithTrackingName(TrackingNames.Declarations);

        IncrementalValuesProvider<KernelSpec> specs = declarations
            .Where(static declaration => declaration is not null && KernelValidator.IsValid(declaration))
            .Select(static (declaration, _) => KernelSpec.From(declaration!))
            .WithTrackingName(TrackingNames.Specs);

        context.RegisterSourceOutput(specs, static (output, spec) => output.AddSource(spec.HintName, KernelEmitter.Emit(spec)));

        IncrementalValuesProvider<LayerSpec> layers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                LayerDeclarationParser.AttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (context, cancellationToken) => KernelDeclarationParser.IsFirstAttributedDeclaration(
                    (INamedTypeSymbol)context.TargetSymbol, context.TargetNode, context.Attributes[0].AttributeClass)
                    ? LayerDeclarationParser.Parse((INamedTypeSymbol)context.TargetSymbol, context.Attributes[0], cancellationToken)
                    : null)
            .WithTrackingName(TrackingNames.LayerDeclarations)
            .Where(static declaration => declaration is not null && LayerValidator.IsValid(declaration))
            .Select(static (declaration, _) => LayerSpec.From(declaration!))
            .WithTrackingName(TrackingNames.LayerSpecs);

        context.RegisterSourceOutput(layers, static (output, layer) => output.AddSource(layer.Host.HintName, LayerEmitter.Emit(layer)));
    }
}
