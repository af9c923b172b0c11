using AttentionGen;

// A kernel nested in partial types (a struct inside a class), in a block-scoped namespace.
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
