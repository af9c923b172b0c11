namespace AttentionGen.Generator.Model;

/// <summary>
/// The annotated class, as plain values: where it lives, what the generated partial part must repeat, and the facts
/// that decide whether code can be added to it at all.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global one.</param>
/// <param name="ContainingTypes">The types around the class, outermost first.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="HintName">The generated file's name: the fully qualified metadata name.</param>
/// <param name="IsStaticPartial">Whether the class is <c>static partial</c>.</param>
/// <param name="NonPartialContainer">The first containing type that is not partial, if any.</param>
/// <param name="GenericType">The class or containing type that is generic, if any.</param>
internal sealed record TypeHost(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    bool IsStaticPartial,
    string? NonPartialContainer,
    string? GenericType);
