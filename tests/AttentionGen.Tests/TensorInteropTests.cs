using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

[AttentionKernel(HeadDim = 8, SeqLen = 5, KeySeqLen = 7, Heads = 4, KeyValueHeads = 2)]
internal static partial class TensorHeadMajor { }

[AttentionKernel(HeadDim = 8, SeqLen = 5, KeySeqLen = 7, Heads = 4, KeyValueHeads = 2, Layout = AttentionLayout.Interleaved)]
internal static partial class TensorInterleaved { }

/// <summary>
/// <see cref="AttentionTensors"/>: tensors in the shapes ONNX and PyTorch use reach a kernel as spans over their own
/// memory, in the kernel's layout; any other shape or stride is refused, naming the parameter.
/// </summary>
public class TensorInteropTests
{
    private const int Heads = 4, KeyValueHeads = 2, Rows = 5, Keys = 7, Width = 8;

    private static readonly Random Random = TestData.RandomFor(nameof(TensorInteropTests));
    private static readonly float[] Query = TestData.Uniform(Random, Heads * Rows * Width);
    private static readonly float[] Key = TestData.Uniform(Random, KeyValueHeads * Keys * Width);
    private static readonly float[] Value = TestData.Uniform(Random, KeyValueHeads * Keys * Width);

    [Fact]
    public void A_dense_head_major_tensor_is_viewed_in_place()
    {
        AttentionDescriptor d = TensorHeadMajor.Descriptor;
        ReadOnlySpan<float> query = d.AsQuerySpan(new ReadOnlyTensorSpan<float>(Query, [Heads, Rows, Width]));

        query.Length.ShouldBe(Query.Length);
        Unsafe.AreSame(ref MemoryMarshal.GetReference(query), ref Query[0]).ShouldBeTrue();
    }

    [Fact]
    public void A_tensor_over_an_array_is_viewed_in_place_too()
    {
        Tensor<float> query = Tensor.Create(Query, [1, Heads, Rows, Width]);
        ReadOnlySpan<float> span = TensorHeadMajor.Descriptor.AsQuerySpan(query.AsReadOnlyTensorSpan());

        Unsafe.AreSame(ref MemoryMarshal.GetReference(span), ref Query[0]).ShouldBeTrue();
    }

    [Fact]
    public void Tensors_viewed_through_a_batch_of_one_compute_what_arrays_do()
    {
        AttentionDescriptor d = TensorHeadMajor.Descriptor;
        var expected = new float[d.OutputLength];
        TensorHeadMajor.Compute(Query, Key, Value, expected);

        var output = new float[d.OutputLength];
        TensorHeadMajor.Compute(
            d.AsQuerySpan(new ReadOnlyTensorSpan<float>(Query, [1, Heads, Rows, Width])),
            d.AsKeySpan(new ReadOnlyTensorSpan<float>(Key, [1, KeyValueHeads, Keys, Width])),
            d.AsValueSpan(new ReadOnlyTensorSpan<float>(Value, [1, KeyValueHeads, Keys, Width])),
            d.AsOutputSpan(new TensorSpan<float>(output, [1, Heads, Rows, Width])));

        output.ShouldBe(expected);
    }

    /// <summary>
    /// PyTorch's <c>q.view(S, H, D).transpose(0, 1)</c>: a <c>[heads, rows, width]</c> view with strides
    /// <c>(width, heads·width, 1)</c> over rows laid out one after another, which is the interleaved layout. Checked
    /// against the head-major kernel on the same numbers moved into head-major order, so the view's meaning is tested,
    /// not only its address.
    /// </summary>
    [Fact]
    public void A_transposed_view_feeds_an_interleaved_kernel_and_its_output()
    {
        AttentionDescriptor d = TensorInterleaved.Descriptor;
        var output = new float[d.OutputLength];
        TensorInterleaved.Compute(
            d.AsQuerySpan(Transposed(Query, Heads, Rows)),
            d.AsKeySpan(Transposed(Key, KeyValueHeads, Keys)),
            d.AsValueSpan(Transposed(Value, KeyValueHeads, Keys)),
            d.AsOutputSpan(new TensorSpan<float>(output, [Heads, Rows, Width], [Width, Heads * Width, 1])));

        var headMajor = new float[d.OutputLength];
        TensorHeadMajor.Compute(ToHeadMajor(Query, Heads, Rows), ToHeadMajor(Key, KeyValueHeads, Keys), ToHeadMajor(Value, KeyValueHeads, Keys), headMajor);
        ToHeadMajor(output, Heads, Rows).ShouldBe(headMajor, 1e-6f);
    }

    [Fact]
    public void The_onnx_three_dimensional_shape_feeds_an_interleaved_kernel()
    {
        AttentionDescriptor d = TensorInterleaved.Descriptor;
        var expected = new float[d.OutputLength];
        TensorInterleaved.Compute(Query, Key, Value, expected);

        var output = new float[d.OutputLength];
        TensorInterleaved.Compute(
            d.AsQuerySpan(new ReadOnlyTensorSpan<float>(Query, [1, Rows, Heads * Width])),
            d.AsKeySpan(new ReadOnlyTensorSpan<float>(Key, [Keys, KeyValueHeads * Width])),
            d.AsValueSpan(new ReadOnlyTensorSpan<float>(Value, [1, Keys, KeyValueHeads * Width])),
            d.AsOutputSpan(new TensorSpan<float>(output, [Rows, Heads * Width])));

        output.ShouldBe(expected);
    }

    [Fact]
    public void Weights_are_viewed_head_major_whatever_the_layout()
    {
        AttentionDescriptor d = TensorInterleaved.Descriptor;
        float[] output = new float[d.OutputLength], weights = new float[d.WeightsLength];
        float[] expectedOutput = new float[d.OutputLength], expectedWeights = new float[d.WeightsLength];
        TensorInterleaved.Compute(Query, Key, Value, expectedOutput, expectedWeights);

        TensorInterleaved.Compute(Query, Key, Value, output, d.AsWeightsSpan(new TensorSpan<float>(weights, [1, Heads, Rows, Keys])));

        weights.ShouldBe(expectedWeights);
        Should.Throw<ArgumentException>(() => d.AsWeightsSpan(new TensorSpan<float>(weights, [Rows, Heads * Keys])))
            .ParamName.ShouldBe("weights");
    }

    [Fact]
    public void A_batch_above_one_is_refused_naming_the_parameter_and_the_shapes()
    {
        var twoBatches = new float[2 * Query.Length];
        ArgumentException e = Should.Throw<ArgumentException>(
            () => TensorHeadMajor.Descriptor.AsQuerySpan(new ReadOnlyTensorSpan<float>(twoBatches, [2, Heads, Rows, Width])));

        e.ParamName.ShouldBe("query");
        e.Message.ShouldContain("[2, 4, 5, 8]");
        e.Message.ShouldContain("lengths [4, 5, 8] with strides [40, 8, 1]");
    }

    [Fact]
    public void A_head_major_kernel_refuses_interleaved_strides()
    {
        AttentionDescriptor d = TensorHeadMajor.Descriptor;
        ArgumentException transposed = Should.Throw<ArgumentException>(() => d.AsKeySpan(Transposed(Key, KeyValueHeads, Keys)));
        transposed.ParamName.ShouldBe("key");
        transposed.Message.ShouldContain("HeadMajor");

        // [rows, heads·width] runs a row across the heads: not head-major, so only its first form is offered.
        ArgumentException columns = Should.Throw<ArgumentException>(() => d.AsValueSpan(new ReadOnlyTensorSpan<float>(Value, [Keys, KeyValueHeads * Width])));
        columns.ParamName.ShouldBe("value");
        columns.Message.ShouldNotContain("or lengths");
    }

    [Fact]
    public void A_gap_between_rows_is_refused()
    {
        // Rows 9 apart where the kernel needs them 8 apart: a padded tensor, which no span can view.
        var padded = new float[Heads * Rows * (Width + 1)];
        Should.Throw<ArgumentException>(() => TensorHeadMajor.Descriptor.AsQuerySpan(
                new ReadOnlyTensorSpan<float>(padded, [Heads, Rows, Width], [Rows * (Width + 1), Width + 1, 1])))
            .ParamName.ShouldBe("query");
    }

    [Fact]
    public void A_call_through_tensors_allocates_nothing()
    {
        AttentionDescriptor d = TensorInterleaved.Descriptor;
        var output = new float[d.OutputLength];
        long allocated = AllocationProbe.LeastAllocated(() =>
        {
            for (int call = 0; call < 1000; call++)
            {
                TensorInterleaved.Compute(
                    d.AsQuerySpan(new ReadOnlyTensorSpan<float>(Query, [Heads, Rows, Width], [Width, Heads * Width, 1])),
                    d.AsKeySpan(new ReadOnlyTensorSpan<float>(Key, [Keys, KeyValueHeads * Width])),
                    d.AsValueSpan(new ReadOnlyTensorSpan<float>(Value, [Keys, KeyValueHeads * Width])),
                    d.AsOutputSpan(new TensorSpan<float>(output, [Rows, Heads * Width])));
            }
        });

        allocated.ShouldBe(0);
    }

    /// <summary>Interleaved rows (<c>[rows, heads, width]</c> in memory) viewed as <c>[heads, rows, width]</c>.</summary>
    private static ReadOnlyTensorSpan<float> Transposed(float[] interleaved, int heads, int rows)
        => new(interleaved, [heads, rows, Width], [Width, heads * Width, 1]);

    private static float[] ToHeadMajor(float[] interleaved, int heads, int rows)
    {
        var headMajor = new float[interleaved.Length];
        for (int h = 0; h < heads; h++)
        {
            for (int r = 0; r < rows; r++)
            {
                interleaved.AsSpan((r * heads + h) * Width, Width).CopyTo(headMajor.AsSpan((h * rows + r) * Width, Width));
            }
        }

        return headMajor;
    }
}
