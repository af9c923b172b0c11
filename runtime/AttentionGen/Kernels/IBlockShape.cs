using System.ComponentModel;

namespace AttentionGen.Kernels;

/// <summary>
/// What the block microkernels (<see cref="BlockKernels"/>) need to know of a kernel's shape. A generated kernel passes an
/// empty struct whose members return its constants, so the JIT compiles the microkernels for exactly that shape, as it
/// does for a width (<see cref="ISimdWidth{TVector, T}"/>); the generic path passes one holding the shape it was given.
/// </summary>
/// <typeparam name="T">The element type the blocks are computed in.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBlockShape<T>
{
    /// <summary>Elements of a query row: rows of the transposed keys.</summary>
    int HeadDim { get; }

    /// <summary>Elements of a value row and of an output row.</summary>
    int ValueDim { get; }

    /// <summary>Elements from one query row of a block to the next.</summary>
    int QueryBlockStride { get; }

    /// <summary>Elements from one value row to the next.</summary>
    int ValueRowStride { get; }

    /// <summary>Elements from one output row of a block to the next.</summary>
    int OutputBlockStride { get; }

    /// <summary>
    /// Elements from one column of the transposed keys to the next, and from one row of a block's scores to the next: at
    /// least the tile's keys, in whole vectors of the widest width.
    /// </summary>
    int KeyTileStride { get; }

    /// <summary>What <c>q·k</c> is multiplied by.</summary>
    T ScoreFactor { get; }
}
