using System;

namespace AttentionGen;

/// <summary>Which masks a kernel applies; a key is masked for a query row when any active mask says so.</summary>
/// <remarks>This file is compiled into the generator too, so the two always agree on the values.</remarks>
[Flags]
public enum AttentionMask
{
    /// <summary>Every key is attended.</summary>
    None = 0,

    /// <summary>Key <c>j</c> is masked for query row <c>i</c> when <c>j &gt; i + causalOffset</c>.</summary>
    Causal = 1,

    /// <summary>Keys <c>j &gt;= validKeys</c> are masked (run-time <c>validKeys</c>).</summary>
    KeyPadding = 2,

    /// <summary>A run-time <c>mask</c> of booleans, <c>true</c> = may attend.</summary>
    Boolean = 4,

    /// <summary>A run-time <c>bias</c> added to the scores; <c>−∞</c> masks the key.</summary>
    Additive = 8,
}
