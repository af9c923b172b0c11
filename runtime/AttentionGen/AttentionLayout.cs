namespace AttentionGen;

/// <summary>How the heads of query, key, value and output spans are laid out.</summary>
/// <remarks>This file is compiled into the generator too, so the two always agree on the values.</remarks>
public enum AttentionLayout
{
    /// <summary><c>[heads, rows, width]</c>: each head's rows are contiguous.</summary>
    HeadMajor = 0,

    /// <summary><c>[rows, heads·width]</c>: what a projection produces; head <c>h</c> owns columns <c>h·width … h·width+width−1</c>.</summary>
    Interleaved = 1,
}
