namespace AttentionGen.Generator.Model;

/// <summary>A type that encloses the kernel class, re-declared as a partial part around the generated members.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingType(string Keyword, string Name);
