namespace AttentionGen;

/// <summary>How a query row and a key row are turned into an attention score.</summary>
/// <remarks>This file is compiled into the generator too, so the two always agree on the values.</remarks>
public enum AttentionScore
{
    /// <summary><c>Scale · (q·k)</c>, default <c>Scale = 1/sqrt(HeadDim)</c>.</summary>
    ScaledDotProduct = 0,

    /// <summary><c>Scale · (q·k)</c>, default <c>Scale = 1</c>.</summary>
    DotProduct = 1,

    /// <summary>Bahdanau: <c>Scale · w·tanh(W_q q + W_k k)</c>, default <c>Scale = 1</c>.</summary>
    Additive = 2,

    /// <summary>Nadaraya–Watson kernel regression: <c>−Scale · ‖q − k‖² / 2</c>, default <c>Scale = 1</c>.</summary>
    Gaussian = 3,
}
