using System;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttentionGen;

/// <summary>
/// Views <c>System.Numerics.Tensors</c> tensor spans as the spans a kernel (generated or generic) takes, with no copy:
/// <c>K.Compute(d.AsQuerySpan(q), d.AsKeySpan(k), d.AsValueSpan(v), d.AsOutputSpan(o))</c> with <c>d = K.Descriptor</c>.
/// </summary>
/// <remarks>
/// <para>A tensor is accepted in either of the shapes ONNX's <c>Attention</c> takes, after any leading dimensions of
/// length 1 (a batch of one): <c>[heads, rows, width]</c>, or <c>[rows, heads·width]</c>. Its strides must put every element where the descriptor's <see cref="AttentionLayout"/>
/// has it: a dense <c>[heads, rows, width]</c> tensor is head-major; a <c>[rows, heads, width]</c> tensor viewed as
/// <c>[heads, rows, width]</c> (strides <c>(width, heads·width, 1)</c>, PyTorch's <c>transpose(1, 2)</c>) and a dense
/// <c>[rows, heads·width]</c> tensor are interleaved. Anything else (another shape, a batch above 1, a gap between rows)
/// is an <see cref="ArgumentException"/> naming the parameter, the shape and strides expected and those given: copy such a
/// tensor into a dense one first.</para>
/// <para>The span starts at the tensor's first element and covers exactly the elements of the tensor, so a kernel reads
/// and writes nothing outside it. Nothing is allocated.</para>
/// </remarks>
public static class AttentionTensors
{
    /// <summary>The query rows of <paramref name="query"/>: <c>[Heads, SeqLen, HeadDim]</c> in the descriptor's layout.</summary>
    /// <exception cref="ArgumentException">The shape or strides do not match the descriptor's query.</exception>
    public static ReadOnlySpan<T> AsQuerySpan<T>(this in AttentionDescriptor descriptor, ReadOnlyTensorSpan<T> query)
        => View(query, descriptor.Heads, descriptor.SeqLen, descriptor.HeadDim, descriptor.Layout, nameof(query));

    /// <summary>The key rows of <paramref name="key"/>: <c>[KeyValueHeads, KeySeqLen, KeyDim]</c> in the descriptor's layout.</summary>
    /// <exception cref="ArgumentException">The shape or strides do not match the descriptor's key.</exception>
    public static ReadOnlySpan<T> AsKeySpan<T>(this in AttentionDescriptor descriptor, ReadOnlyTensorSpan<T> key)
        => View(key, descriptor.KeyValueHeads, descriptor.KeySeqLen, descriptor.KeyDim, descriptor.Layout, nameof(key));

    /// <summary>The value rows of <paramref name="value"/>: <c>[KeyValueHeads, KeySeqLen, ValueDim]</c> in the descriptor's layout.</summary>
    /// <exception cref="ArgumentException">The shape or strides do not match the descriptor's value.</exception>
    public static ReadOnlySpan<T> AsValueSpan<T>(this in AttentionDescriptor descriptor, ReadOnlyTensorSpan<T> value)
        => View(value, descriptor.KeyValueHeads, descriptor.KeySeqLen, descriptor.ValueDim, descriptor.Layout, nameof(value));

    /// <summary>The output rows of <paramref name="output"/>: <c>[Heads, SeqLen, ValueDim]</c> in the descriptor's layout.</summary>
    /// <exception cref="ArgumentException">The shape or strides do not match the descriptor's output.</exception>
    public static Span<T> AsOutputSpan<T>(this in AttentionDescriptor descriptor, TensorSpan<T> output)
    {
        ReadOnlySpan<T> view = View<T>(output, descriptor.Heads, descriptor.SeqLen, descriptor.ValueDim, descriptor.Layout, nameof(output));
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(view), view.Length);
    }

    /// <summary>The attention weights <paramref name="weights"/>: <c>[Heads, SeqLen, KeySeqLen]</c>, head-major whatever the layout.</summary>
    /// <exception cref="ArgumentException">The shape or strides do not match the descriptor's weights.</exception>
    public static Span<T> AsWeightsSpan<T>(this in AttentionDescriptor descriptor, TensorSpan<T> weights)
    {
        ReadOnlySpan<T> view = View<T>(weights, descriptor.Heads, descriptor.SeqLen, descriptor.KeySeqLen, AttentionLayout.HeadMajor, nameof(weights));
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(view), view.Length);
    }

    private static ReadOnlySpan<T> View<T>(ReadOnlyTensorSpan<T> tensor, int heads, int rows, int width, AttentionLayout layout, string parameterName)
    {
        // Where the layout puts element (head, row, column): head · headStride + row · rowStride + column.
        nint headStride = layout == AttentionLayout.Interleaved ? width : (nint)rows * width;
        nint rowStride = layout == AttentionLayout.Interleaved ? (nint)heads * width : width;
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        ReadOnlySpan<nint> strides = tensor.Strides;
        int rank = lengths.Length;

        // [heads, rows, width], or [rows, heads·width] (ONNX's 3-D form), each after any leading dimensions of length 1.
        bool asHeads = rank >= 3 && AllOnes(lengths[..(rank - 3)])
            && Dimension(lengths, strides, rank - 3, heads, headStride)
            && Dimension(lengths, strides, rank - 2, rows, rowStride)
            && Dimension(lengths, strides, rank - 1, width, 1);
        bool asColumns = rank >= 2 && AllOnes(lengths[..(rank - 2)])
            && Dimension(lengths, strides, rank - 2, rows, rowStride)
            && lengths[rank - 1] == (nint)heads * width && StrideFits(lengths[rank - 1], strides[rank - 1], 1);
        bool matches = asHeads || asColumns;
        if (!matches)
        {
            string expected = string.Create(CultureInfo.InvariantCulture, $"lengths [{heads}, {rows}, {width}] with strides [{headStride}, {rowStride}, 1]");
            if (heads == 1 || headStride == width) // a row's columns run across the heads: interleaved, or one head
            {
                expected += string.Create(CultureInfo.InvariantCulture, $", or lengths [{rows}, {(long)heads * width}] with strides [{rowStride}, 1]");
            }

            throw new ArgumentException(
                $"The tensor's lengths {Format(lengths)} and strides {Format(strides)} do not match the kernel's {layout} layout: expected {expected} (after any leading dimensions of length 1). Copy it into a dense tensor of that shape first.",
                parameterName);
        }

        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in tensor.GetPinnableReference()), checked(heads * rows * width));
    }

    /// <summary>Dimension <paramref name="index"/> has the length expected and, unless it has one element, the stride.</summary>
    private static bool Dimension(ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides, int index, int length, nint stride)
        => lengths[index] == length && StrideFits(lengths[index], strides[index], stride);

    private static bool AllOnes(ReadOnlySpan<nint> lengths) => !lengths.ContainsAnyExcept(1);

    private static bool StrideFits(nint length, nint actual, nint expected) => length == 1 || actual == expected;

    private static string Format(ReadOnlySpan<nint> values)
    {
        string text = "[";
        for (int i = 0; i < values.Length; i++)
        {
            text += (i == 0 ? "" : ", ") + values[i].ToString(CultureInfo.InvariantCulture);
        }

        return text + "]";
    }
}
