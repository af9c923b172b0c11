using AttentionGen;

// A kernel nested in partial types (a struct inside a class), in a block-scoped namespace: the generator must handle both.
#pragma warning disable IDE0161 // block-scoped on purpose
namespace AttentionGen.Tests.Kernels.Nested
{
    internal static partial class Outer
    {
        internal partial struct Inner
        {
            [AttentionKernel(HeadDim = 4, SeqLen = 2)]
            internal static partial class NestedKernel { }
        }
    }
}
