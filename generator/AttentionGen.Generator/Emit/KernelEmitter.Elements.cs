using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// The element-type concern: Half kernels store Half and compute in float, so each stored row is widened into a float
/// scratch row before the float code sees it, and results are narrowed back. For float and double the expressions
/// below are the rows themselves.
/// </summary>
internal static partial class KernelEmitter
{
    private static bool IsHalf(KernelSpec spec) => spec.Element == ElementKind.Half;

    /// <summary><c>ref T name = ref …;</c> for a stored row: the row itself, or its widened copy in <paramref name="scratch"/>.</summary>
    private static string RowReference(KernelSpec spec, string name, string storedRow, string length, string scratch)
        => IsHalf(spec)
            ? $"ref float {name} = ref HalfConversion.WidenRow(ref {storedRow}, {length}, {scratch});"
            : $"ref {spec.ComputeName} {name} = ref {storedRow};";

    /// <summary>The score of <c>queryRow</c> and key <paramref name="index"/> of the head: its stored row, widened, or its projection.</summary>
    private static string ScoreOfKey(KernelSpec spec, string index, string function = "Score")
    {
        string keyRow = $"Add(ref headKeys, {index} * KeyRowStride)";
        if (spec.IsAdditive)
        {
            return $"Score(ref queryRow, ref {ProjectedKeyCall(spec, index)}, ref scoreVectorStart)";
        }

        return IsHalf(spec)
            ? $"{function}(ref queryRow, ref HalfConversion.WidenRow(ref {keyRow}, HeadDim, keyScratch))"
            : $"{function}(ref queryRow, ref {keyRow})";
    }

    /// <summary>The call of <c>ProjectedKey</c> for key <paramref name="index"/>.</summary>
    private static string ProjectedKeyCall(KernelSpec spec, string index)
        => $"ProjectedKey({index}, ref headKeys, keyProjectionT, projectedKeys, isProjected, keyExponentials, keyFits{(IsHalf(spec) ? ", keyScratch" : "")})";

    /// <summary>A stored element read as the compute type.</summary>
    private static string Widened(KernelSpec spec, string element) => IsHalf(spec) ? $"(float){element}" : element;

    /// <summary>A compute-type value as the element type, to store.</summary>
    private static string Narrowed(KernelSpec spec, string value) => IsHalf(spec) ? $"(Half)({value})" : value;
}
