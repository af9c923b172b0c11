namespace AttentionGen;

/// <summary>
/// What a kernel writes to its <c>weights</c> span: the scores at one stage of the computation, or the probabilities.
/// The values match the ONNX <c>Attention</c> operator's <c>qk_matmul_output_mode</c>.
/// </summary>
public enum AttentionScoreStage
{
    /// <summary>The scaled scores <c>Scale · score(q, k)</c> of every key, masked or not, before softcap and masks.</summary>
    Scaled = 0,

    /// <summary>The scores after the softcap, of every key, before masks.</summary>
    Softcapped = 1,

    /// <summary>The scores after the softcap plus the additive bias; every masked key is <c>−∞</c>.</summary>
    Biased = 2,

    /// <summary>The softmax probabilities (the default): masked keys and fully masked rows are 0.</summary>
    Probabilities = 3,
}
