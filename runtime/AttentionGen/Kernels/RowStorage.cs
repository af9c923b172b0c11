using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttentionGen.Kernels;

/// <summary>
/// How the generic path reads and writes rows stored as <typeparamref name="TStore"/> while it computes in
/// <typeparamref name="TCompute"/>. Implemented by structs, so each use is specialised and inlined by the JIT: rows of
/// the compute type are used in place, Half rows are widened into a scratch row and narrowed back.
/// </summary>
internal interface IRowStorage<TStore, TCompute>
    where TCompute : unmanaged, IBinaryFloatingPointIeee754<TCompute>
{
    /// <summary>A row of <paramref name="length"/> elements as the compute type: the row itself, or a copy in <paramref name="scratch"/>.</summary>
    static abstract ref TCompute Read(ref TStore row, int length, Span<TCompute> scratch);

    /// <summary>One element as the compute type.</summary>
    static abstract TCompute Widen(TStore value);

    /// <summary>Where to compute a row that will be stored to <paramref name="row"/>: the row itself, or <paramref name="scratch"/>.</summary>
    static abstract Span<TCompute> Writable(Span<TStore> row, Span<TCompute> scratch);

    /// <summary>Stores a row computed in <see cref="Writable"/>'s span (nothing to do when that was the row itself).</summary>
    static abstract void Commit(ReadOnlySpan<TCompute> computed, Span<TStore> row);

    /// <summary>Whether rows are computed on in copies (Half): the block loops then read and write packed rows, a row's width apart.</summary>
    static abstract bool Copies { get; }

    /// <summary>
    /// <paramref name="count"/> rows of <paramref name="width"/> elements, <paramref name="rowStride"/> apart, as the compute
    /// type: the rows themselves, or packed copies in <paramref name="scratch"/> (when <see cref="Copies"/>).
    /// </summary>
    static abstract ref TCompute ReadRows(ref TStore rows, int rowStride, int count, int width, Span<TCompute> scratch);

    /// <summary>
    /// <paramref name="keyCount"/> key rows transposed into a tile of the compute type (Half rows widened on the way, a batch
    /// at a time in <paramref name="rowBuffer"/>), their value rows asked for meanwhile where they are read in place.
    /// </summary>
    static abstract void TransposeKeys(
        ref TStore keys, int rowStride, int keyCount, int width, Span<TCompute> transposed, int stride, Span<TCompute> rowBuffer,
        ref TStore values, int valueRowStride, int valueWidth);
}

/// <summary>Rows stored in the compute type: read and written in place.</summary>
internal readonly struct InPlaceRows<T> : IRowStorage<T, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T Read(ref T row, int length, Span<T> scratch) => ref row;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Widen(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Writable(Span<T> row, Span<T> scratch) => row;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Commit(ReadOnlySpan<T> computed, Span<T> row)
    {
    }

    public static bool Copies => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T ReadRows(ref T rows, int rowStride, int count, int width, Span<T> scratch) => ref rows;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposeKeys(
        ref T keys, int rowStride, int keyCount, int width, Span<T> transposed, int stride, Span<T> rowBuffer, ref T values, int valueRowStride, int valueWidth)
        => KeyTiles.Transpose(ref keys, rowStride, keyCount, width, transposed, stride, ref values, valueRowStride, valueWidth);
}

/// <summary>Half rows: widened to float to compute, narrowed back to Half to store.</summary>
internal readonly struct HalfRows : IRowStorage<Half, float>
{
    public static ref float Read(ref Half row, int length, Span<float> scratch) => ref HalfConversion.WidenRow(ref row, length, scratch);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Widen(Half value) => (float)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<float> Writable(Span<Half> row, Span<float> scratch) => scratch[..row.Length];

    public static void Commit(ReadOnlySpan<float> computed, Span<Half> row) => HalfConversion.Narrow(computed, row);

    public static bool Copies => true;

    public static ref float ReadRows(ref Half rows, int rowStride, int count, int width, Span<float> scratch)
    {
        HalfConversion.WidenRows(ref rows, rowStride, count, width, scratch);
        return ref MemoryMarshal.GetReference(scratch);
    }

    public static void TransposeKeys(
        ref Half keys, int rowStride, int keyCount, int width, Span<float> transposed, int stride, Span<float> rowBuffer, ref Half values, int valueRowStride, int valueWidth)
        => KeyTiles.Transpose(ref keys, rowStride, keyCount, width, transposed, stride, rowBuffer);
}
