using System.Globalization;
using System.Text;

namespace AttentionGen.Demo;

/// <summary>Draws attention weights <c>[rows, keys]</c> as an SVG heatmap: one square per weight, darker for heavier.</summary>
internal static class HeatmapSvg
{
    private const int Cell = 28;
    private const int Margin = 44;

    public static string Draw(float[] weights, int rows, int keys, string title)
    {
        int width = Margin + keys * Cell + 12, height = Margin + rows * Cell + 12;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{Margin}\" y=\"14\" font-size=\"13\">{title}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{Margin + keys * Cell / 2}\" y=\"30\" text-anchor=\"middle\">key j</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"12\" y=\"{Margin + rows * Cell / 2}\" transform=\"rotate(-90 12 {Margin + rows * Cell / 2})\" text-anchor=\"middle\">query i</text>\n");
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < keys; j++)
            {
                float w = weights[i * keys + j];
                // White for 0, deep blue for 1: lightness falls with the weight.
                int lightness = (int)(97 - 62 * w);
                svg.Append(CultureInfo.InvariantCulture,
                    $"  <rect x=\"{Margin + j * Cell}\" y=\"{Margin + i * Cell}\" width=\"{Cell - 1}\" height=\"{Cell - 1}\" fill=\"hsl(215, 80%, {lightness}%)\"><title>w[{i},{j}] = {w:F3}</title></rect>\n");
            }
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
