using Microsoft.CodeAnalysis.Text;
using Shouldly;

namespace AttentionGen.Generator.Tests;

/// <summary>Source with one span marked <c>[|…|]</c>, the markup of Roslyn's analyzer testing library: where a diagnostic is expected.</summary>
internal static class SpanMarkup
{
    private const string Open = "[|";
    private const string Close = "|]";

    /// <summary>The source without its markers, and the span they enclosed.</summary>
    public static (string Source, TextSpan Span) Parse(string marked)
    {
        int start = marked.IndexOf(Open, System.StringComparison.Ordinal);
        int end = marked.IndexOf(Close, start + Open.Length, System.StringComparison.Ordinal);
        (start >= 0 && end > start).ShouldBeTrue($"no [|…|] span in: {marked}");
        string source = marked.Remove(end, Close.Length).Remove(start, Open.Length);
        return (source, TextSpan.FromBounds(start, end - Open.Length));
    }
}
