namespace AttentionGen.Generator.Model;

/// <summary>
/// The annotated class, as plain values: where it lives, what the generated partial part must repeat, and the facts
/// that decide whether code can be added to it at all.
/// </summary>
/// <param name="Namespace">The containing namespace as C# writes it (keywords escaped), or null for the global one.</param>
/// <param name="ContainingTypes">The types around the class, outermost first.</param>
/// <param name="ClassName">The class's name as C# writes it (<c>@class</c> for a keyword).</param>
/// <param name="HintName">The generated file's name: unique and valid for every class, on case-insensitive file systems too.</param>
/// <param name="IsStaticPartial">Whether the class is <c>static partial</c>.</param>
/// <param name="NonPartialContainer">The first containing type that is not partial, if any.</param>
/// <param name="GenericType">The class or containing type that is generic, if any.</param>
/// <param name="Unextendable">Why no partial part can be generated for the type (a record, a file-local type), if so.</param>
/// <param name="CollidingMember">A member the user declared with the name of a generated one, if any.</param>
/// <param name="HasBothAttributes">Whether the class carries both <c>[AttentionKernel]</c> and <c>[MultiHeadAttention]</c>.</param>
internal sealed record TypeHost(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    bool IsStaticPartial,
    string? NonPartialContainer,
    string? GenericType,
    string? Unextendable,
    string? CollidingMember,
    bool HasBothAttributes);
