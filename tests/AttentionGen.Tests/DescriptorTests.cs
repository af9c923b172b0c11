using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AttentionGen.Tests.Kernels;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// Each generated kernel's <c>Descriptor</c> against its own declaration, read back from the <c>[AttentionKernel]</c>
/// attribute, with the defaults resolved here from api.md: the catalog takes its shapes from the descriptors, so this is
/// what keeps them honest.
/// </summary>
public class DescriptorTests
{
    public static IEnumerable<object[]> DeclaredKernels =>
        typeof(DescriptorTests).Assembly.GetTypes()
            .Where(type => type.GetCustomAttribute<AttentionKernelAttribute>() is not null)
            .Select(type => new object[] { type.FullName! });

    [Theory]
    [MemberData(nameof(DeclaredKernels))]
    public void Descriptor_states_the_declared_shape_and_options(string kernel)
    {
        Type type = typeof(DescriptorTests).Assembly.GetType(kernel)!;
        AttentionKernelAttribute declared = type.GetCustomAttribute<AttentionKernelAttribute>()!;
        var descriptor = (AttentionDescriptor)type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        int heads = declared.Heads == 0 ? 1 : declared.Heads;
        double scale = declared.Scale != 0 ? declared.Scale
            : declared.Score == AttentionScore.ScaledDotProduct ? 1.0 / Math.Sqrt(declared.HeadDim) : 1.0;
        Assert.Equal(declared.HeadDim, descriptor.HeadDim);
        Assert.Equal(declared.SeqLen, descriptor.SeqLen);
        Assert.Equal(declared.KeySeqLen == 0 ? declared.SeqLen : declared.KeySeqLen, descriptor.KeySeqLen);
        Assert.Equal(declared.ValueDim == 0 ? declared.HeadDim : declared.ValueDim, descriptor.ValueDim);
        Assert.Equal(heads, descriptor.Heads);
        Assert.Equal(declared.KeyValueHeads == 0 ? heads : declared.KeyValueHeads, descriptor.KeyValueHeads);
        Assert.Equal(declared.Score, descriptor.Score);
        Assert.Equal(scale, descriptor.Scale);
        Assert.Equal(declared.Softcap, descriptor.Softcap);
        Assert.Equal(declared.Mask, descriptor.Mask);
        Assert.Equal(declared.Layout, descriptor.Layout);
        Assert.Equal(declared.HiddenDim, descriptor.HiddenDim);
        Assert.Equal(declared.KeyDim == 0 ? declared.HeadDim : declared.KeyDim, descriptor.KeyDim);
        descriptor.Validate();
    }

    [Fact]
    public void Every_declared_kernel_is_found()
        => Assert.True(DeclaredKernels.Count() >= KernelCatalog.All.Count, "the attributes were not kept in metadata");
}
