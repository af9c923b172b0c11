using System;
using System.Numerics;
using System.Runtime.CompilerServices;

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
}
