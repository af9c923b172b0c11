using System;
using System.Linq;
using AttentionGen.Tests.Kernels;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>Bad spans are rejected before anything is written, with a message that names the parameter and both lengths.</summary>
public class ArgumentTests
{
    private const float Sentinel = 12345f;

    public static TheoryData<string> SpanNames => new() { "query", "key", "value", "output", "weights" };

    [Theory]
    [MemberData(nameof(SpanNames))]
    public void A_wrong_span_length_names_the_parameter_and_both_lengths_and_writes_nothing(string wrong)
    {
        float[] q = new float[Dim65Cross7x33.QueryLength];
        float[] k = new float[Dim65Cross7x33.KeyLength];
        float[] v = new float[Dim65Cross7x33.ValueLength];
        float[] o = Enumerable.Repeat(Sentinel, Dim65Cross7x33.OutputLength).ToArray();
        float[] w = Enumerable.Repeat(Sentinel, Dim65Cross7x33.WeightsLength).ToArray();
        int expected = wrong switch
        {
            "query" => q.Length,
            "key" => k.Length,
            "value" => v.Length,
            "output" => o.Length,
            _ => w.Length,
        };
        int actual = expected - 1;
        void Call() => Dim65Cross7x33.Compute(
            q.AsSpan(0, wrong == "query" ? actual : q.Length),
            k.AsSpan(0, wrong == "key" ? actual : k.Length),
            v.AsSpan(0, wrong == "value" ? actual : v.Length),
            o.AsSpan(0, wrong == "output" ? actual : o.Length),
            w.AsSpan(0, wrong == "weights" ? actual : w.Length));

        ArgumentException error = Should.Throw<ArgumentException>(Call);
        error.ParamName.ShouldBe(wrong);
        error.Message.ShouldContain($"exactly {expected} elements");
        error.Message.ShouldContain($"it has {actual}");
        o.ShouldAllBe(x => x == Sentinel);
        w.ShouldAllBe(x => x == Sentinel);
    }

    [Theory]
    [MemberData(nameof(SpanNames))]
    public void The_generic_path_rejects_the_same_wrong_lengths_the_same_way(string wrong)
    {
        var descriptor = new AttentionDescriptor { HeadDim = 65, SeqLen = 7, KeySeqLen = 33 };
        float[] q = new float[descriptor.QueryLength];
        float[] k = new float[descriptor.KeyLength];
        float[] v = new float[descriptor.ValueLength];
        float[] o = Enumerable.Repeat(Sentinel, descriptor.OutputLength).ToArray();
        float[] w = Enumerable.Repeat(Sentinel, descriptor.WeightsLength).ToArray();
        int expected = wrong switch
        {
            "query" => q.Length,
            "key" => k.Length,
            "value" => v.Length,
            "output" => o.Length,
            _ => w.Length,
        };
        void Call() => Attention.Compute<float>(
            descriptor,
            q.AsSpan(0, wrong == "query" ? expected - 1 : q.Length),
            k.AsSpan(0, wrong == "key" ? expected - 1 : k.Length),
            v.AsSpan(0, wrong == "value" ? expected - 1 : v.Length),
            o.AsSpan(0, wrong == "output" ? expected - 1 : o.Length),
            w.AsSpan(0, wrong == "weights" ? expected - 1 : w.Length));

        ArgumentException error = Should.Throw<ArgumentException>(Call);
        error.ParamName.ShouldBe(wrong);
        error.Message.ShouldContain($"exactly {expected} elements");
        error.Message.ShouldContain($"it has {expected - 1}");
        o.ShouldAllBe(x => x == Sentinel);
        w.ShouldAllBe(x => x == Sentinel);
    }

    [Fact]
    public void An_empty_weights_span_is_rejected_by_the_weights_overload()
    {
        float[] q = new float[Dim3Len7.QueryLength], k = new float[Dim3Len7.KeyLength], v = new float[Dim3Len7.ValueLength];
        float[] o = Enumerable.Repeat(Sentinel, Dim3Len7.OutputLength).ToArray();
        Should.Throw<ArgumentException>(() => Dim3Len7.Compute(q, k, v, o, Span<float>.Empty)).ParamName.ShouldBe("weights");
        o.ShouldAllBe(x => x == Sentinel);
    }

    [Theory]
    [InlineData("query")]
    [InlineData("key")]
    [InlineData("value")]
    public void An_output_that_overlaps_an_input_is_rejected(string input)
    {
        // Dim3Len7: query, key, value and output all hold 21 floats; place output at an offset inside the input.
        float[] shared = Enumerable.Range(0, 64).Select(x => (float)x).ToArray();
        float[] q = new float[Dim3Len7.QueryLength], k = new float[Dim3Len7.KeyLength], v = new float[Dim3Len7.ValueLength];
        float[] before = shared.ToArray();

        ArgumentException error = input switch
        {
            "query" => Assert.Throws<ArgumentException>(() => Dim3Len7.Compute(shared.AsSpan(0, 21), k, v, shared.AsSpan(5, 21))),
            "key" => Assert.Throws<ArgumentException>(() => Dim3Len7.Compute(q, shared.AsSpan(0, 21), v, shared.AsSpan(5, 21))),
            _ => Assert.Throws<ArgumentException>(() => Dim3Len7.Compute(q, k, shared.AsSpan(0, 21), shared.AsSpan(5, 21))),
        };
        error.ParamName.ShouldBe("output");
        error.Message.ShouldContain($"'{input}'");
        shared.ShouldBe(before);
    }

    [Fact]
    public void Weights_that_overlap_the_output_are_rejected()
    {
        float[] q = new float[Dim3Len7.QueryLength], k = new float[Dim3Len7.KeyLength], v = new float[Dim3Len7.ValueLength];
        float[] shared = Enumerable.Repeat(Sentinel, 100).ToArray();
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => Dim3Len7.Compute(q, k, v, shared.AsSpan(0, Dim3Len7.OutputLength), shared.AsSpan(10, Dim3Len7.WeightsLength)));
        error.ParamName.ShouldBe("weights");
        shared.ShouldAllBe(x => x == Sentinel);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(34)]
    public void ValidKeys_outside_zero_to_KeySeqLen_is_rejected_on_both_paths(int validKeys)
    {
        float[] q = new float[Padded.QueryLength], k = new float[Padded.KeyLength], v = new float[Padded.ValueLength];
        float[] o = Enumerable.Repeat(Sentinel, Padded.OutputLength).ToArray();
        Should.Throw<ArgumentOutOfRangeException>(() => Padded.Compute(q, k, v, validKeys, o)).ParamName.ShouldBe("validKeys");
        var descriptor = new AttentionDescriptor { HeadDim = 17, SeqLen = 7, KeySeqLen = 33, Mask = AttentionMask.KeyPadding };
        Should.Throw<ArgumentOutOfRangeException>(() => Attention.Compute<float>(descriptor, q, k, v, o, validKeys: validKeys))
            .ParamName.ShouldBe("validKeys");
        o.ShouldAllBe(x => x == Sentinel);
    }

    [Fact]
    public void The_causal_overload_without_an_offset_means_offset_zero()
    {
        var random = Support.TestData.RandomFor(nameof(The_causal_overload_without_an_offset_means_offset_zero));
        float[] q = Support.TestData.Uniform(random, CausalOverCache.QueryLength);
        float[] k = Support.TestData.Uniform(random, CausalOverCache.KeyLength);
        float[] v = Support.TestData.Uniform(random, CausalOverCache.ValueLength);
        float[] implicitOffset = new float[CausalOverCache.OutputLength];
        float[] explicitOffset = new float[CausalOverCache.OutputLength];
        float[] otherOffset = new float[CausalOverCache.OutputLength];
        CausalOverCache.Compute(q, k, v, implicitOffset);
        CausalOverCache.Compute(q, k, v, causalOffset: 0, explicitOffset);
        CausalOverCache.Compute(q, k, v, causalOffset: 5, otherOffset);
        implicitOffset.ShouldBe(explicitOffset);
        implicitOffset.ShouldNotBe(otherOffset);
    }

    [Fact]
    public void The_generic_path_rejects_an_invalid_descriptor_naming_the_property()
    {
        float[] none = Array.Empty<float>();
        Should.Throw<ArgumentException>(() => Attention.Compute<float>(new AttentionDescriptor { HeadDim = 0, SeqLen = 4 }, none, none, none, none))
            .ParamName.ShouldBe("HeadDim");
        Should.Throw<ArgumentException>(() => Attention.Compute<float>(new AttentionDescriptor { HeadDim = 4, SeqLen = 4, Heads = 6, KeyValueHeads = 4 }, none, none, none, none))
            .ParamName.ShouldBe("KeyValueHeads");
    }
    [Theory]
    [InlineData("validKeys", AttentionMask.Causal)]
    [InlineData("causalOffset", AttentionMask.KeyPadding)]
    public void The_generic_path_rejects_a_mask_argument_its_descriptor_would_ignore(string argument, AttentionMask declared)
    {
        var descriptor = new AttentionDescriptor { HeadDim = 17, SeqLen = 7, KeySeqLen = 33, Mask = declared };
        float[] q = new float[descriptor.QueryLength], k = new float[descriptor.KeyLength], v = new float[descriptor.ValueLength];
        float[] o = Enumerable.Repeat(Sentinel, descriptor.OutputLength).ToArray();
        void Call() => Attention.Compute<float>(descriptor, q, k, v, o,
            causalOffset: argument == "causalOffset" ? 3 : 0, validKeys: argument == "validKeys" ? 20 : declared == AttentionMask.KeyPadding ? 33 : -1);

        ArgumentException error = Should.Throw<ArgumentException>(Call);
        error.ParamName.ShouldBe(argument);
        error.Message.ShouldContain("would be ignored");
        o.ShouldAllBe(x => x == Sentinel);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(99)]
    public void An_undefined_score_stage_is_rejected_on_both_paths(int stage)
    {
        float[] q = new float[Dim3Len7.QueryLength], k = new float[Dim3Len7.KeyLength], v = new float[Dim3Len7.ValueLength];
        float[] o = Enumerable.Repeat(Sentinel, Dim3Len7.OutputLength).ToArray();
        float[] w = Enumerable.Repeat(Sentinel, Dim3Len7.WeightsLength).ToArray();
        Should.Throw<ArgumentOutOfRangeException>(() => Dim3Len7.Compute(q, k, v, o, w, (AttentionScoreStage)stage)).ParamName.ShouldBe("stage");
        var descriptor = new AttentionDescriptor { HeadDim = 3, SeqLen = 7 };
        Should.Throw<ArgumentOutOfRangeException>(() => Attention.Compute<float>(descriptor, q, k, v, o, w, weightsStage: (AttentionScoreStage)stage))
            .ParamName.ShouldBe("weightsStage");
        o.ShouldAllBe(x => x == Sentinel);
        w.ShouldAllBe(x => x == Sentinel);
    }
}
