using System;
using System.Collections.Generic;
using System.Text;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// A minimal indenting writer for generated C#: four spaces a level, '\n' line ends on every platform. Braced blocks
/// close themselves: <c>using (w.Block("if (x)")) { … }</c>.
/// </summary>
internal sealed class CodeWriter
{
    /// <summary>Generated lines are kept this short, so they read without scrolling.</summary>
    public const int MaxLineLength = 150;

    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes a line; one longer than <see cref="MaxLineLength"/> is wrapped (<see cref="Wrap"/>).</summary>
    public CodeWriter Line(string line = "")
    {
        if (_depth * 4 + line.Length > MaxLineLength && Wrap(line))
        {
            return this;
        }

        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>
    /// Lays a long line out as a person would: a comment wrapped at words; a trailing comment moved above its code; a list
    /// of declarators one to a line; a call's arguments one to a line. False when the line has none of these shapes.
    /// </summary>
    private bool Wrap(string line)
    {
        if (line.StartsWith("///", StringComparison.Ordinal))
        {
            Wrapped("/// ", line.Substring(3).TrimStart());
            return true;
        }

        if (line.StartsWith("//", StringComparison.Ordinal))
        {
            Wrapped("// ", line.Substring(2).TrimStart());
            return true;
        }

        int comment = line.IndexOf(" // ", StringComparison.Ordinal);
        if (comment > 0 && line.IndexOf('"') < 0)
        {
            Comment(line.Substring(comment + 4));
            Line(line.Substring(0, comment));
            return true;
        }

        List<int> topCommas = CommasAt(line, 0, 0, line.Length - 1);
        if (topCommas.Count > 0)
        {
            // Declarators: "T a = …, b = …;" — the first on this line, the rest on continuation lines.
            Line(line.Substring(0, topCommas[0] + 1));
            for (int i = 0; i < topCommas.Count; i++)
            {
                int end = i + 1 < topCommas.Count ? topCommas[i + 1] + 1 : line.Length;
                Indented(line.Substring(topCommas[i] + 1, end - topCommas[i] - 1).Trim());
            }

            return true;
        }

        // The call with the longest argument list (of two or more arguments) among those not nested in another.
        int open = -1, close = -1;
        for (int i = line.IndexOf('('); i >= 0; i = line.IndexOf('(', i + 1))
        {
            int end = Matching(line, i);
            if (end > i && CommasAt(line, 1, i + 1, end).Count > 0 && end - i > close - open && (open < 0 || i > close))
            {
                (open, close) = (i, end);
            }
        }

        if (open < 0)
        {
            return BreakAtOperator(line);
        }

        var items = new List<string>();
        int from = open + 1;
        foreach (int at in CommasAt(line, 1, open + 1, close))
        {
            items.Add(line.Substring(from, at - from).Trim());
            from = at + 1;
        }

        items.Add(line.Substring(from, close - from).Trim());
        ListOneToALine(line.Substring(0, open), items, line.Substring(close + 1));
        return true;
    }

    /// <summary>An expression with no argument list to break: before its last top-level operator that leaves a line short enough.</summary>
    private bool BreakAtOperator(string line)
    {
        int room = MaxLineLength - _depth * 4;
        int level = 0;
        int best = -1;
        for (int i = 0; i < line.Length - 2 && i < room; i++)
        {
            char c = line[i];
            level += c is '(' or '[' ? 1 : c is ')' or ']' ? -1 : 0;
            if (level == 0 && c == ' ' && line[i + 1] is '*' or '+' or '-' or '?' or ':' or '|' && line[i + 2] == ' ')
            {
                best = i;
            }
        }

        if (best <= 0)
        {
            return false;
        }

        Line(line.Substring(0, best));
        Indented(line.Substring(best + 1));
        return true;
    }

    /// <summary>Writes <paramref name="lines"/> one level deeper than the current block: continuation lines.</summary>
    public CodeWriter Indented(params string[] lines)
    {
        _depth++;
        foreach (string line in lines)
        {
            Line(line);
        }

        _depth--;
        return this;
    }

    /// <summary>
    /// The commas at bracket depth <paramref name="depth"/> (relative to <paramref name="from"/>) outside strings; a type's
    /// argument list (<c>Name&lt;A, B&gt;</c>) counts as a bracket, a comparison (<c>a &lt; b</c>, spaced) does not.
    /// </summary>
    private static List<int> CommasAt(string line, int depth, int from, int to)
    {
        var commas = new List<int>();
        int level = depth;
        int typeArguments = 0;
        bool inString = false;
        for (int i = from; i < to; i++)
        {
            char c = line[i];
            if (c == '"')
            {
                inString = !inString;
            }
            else if (!inString && (c is '(' or '[' or '{' || (c == '<' && i > 0 && char.IsLetterOrDigit(line[i - 1]))))
            {
                typeArguments += c == '<' ? 1 : 0;
                level++;
            }
            else if (!inString && (c is ')' or ']' or '}' || (c == '>' && typeArguments > 0)))
            {
                typeArguments -= c == '>' ? 1 : 0;
                level--;
            }
            else if (!inString && c == ',' && level == depth)
            {
                commas.Add(i);
            }
        }

        return commas;
    }

    private static int Matching(string line, int open)
    {
        int level = 0;
        for (int i = open; i < line.Length; i++)
        {
            if (line[i] == '(')
            {
                level++;
            }
            else if (line[i] == ')' && --level == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes <paramref name="text"/> as <c>//</c> comment lines, wrapped at word boundaries.</summary>
    public CodeWriter Comment(string text) => Wrapped("// ", text);

    /// <summary>Writes <paramref name="text"/> as <c>///</c> documentation lines, wrapped at word boundaries.</summary>
    public CodeWriter Doc(string text) => Wrapped("/// ", text);

    /// <summary>
    /// <c>head(a, b, …)tail</c> on one line when it fits, else one item a line: how a long signature or call is laid out.
    /// </summary>
    public CodeWriter List(string head, IReadOnlyList<string> items, string tail)
    {
        string oneLine = $"{head}({string.Join(", ", items)}){tail}";
        return _depth * 4 + oneLine.Length <= MaxLineLength || items.Count < 2 ? Line(oneLine) : ListOneToALine(head, items, tail);
    }

    /// <summary><c>head(</c>, then each item on a line of its own one level deeper, the last followed by <c>)tail</c>.</summary>
    private CodeWriter ListOneToALine(string head, IReadOnlyList<string> items, string tail)
    {
        Line(head + "(");
        _depth++;
        for (int i = 0; i < items.Count; i++)
        {
            Line(i < items.Count - 1 ? items[i] + "," : items[i] + ")" + tail);
        }

        _depth--;
        return this;
    }

    /// <summary>
    /// Short statements of one kind (the unrolled multiply-adds of a register block, say) packed several to a line, as a
    /// hand-written microkernel lays them out, so the block reads as a table.
    /// </summary>
    public CodeWriter Packed(IEnumerable<string> statements)
    {
        var line = new StringBuilder();
        int room = MaxLineLength - _depth * 4;
        foreach (string statement in statements)
        {
            if (line.Length > 0 && line.Length + 1 + statement.Length > room)
            {
                Line(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(statement);
        }

        return line.Length > 0 ? Line(line.ToString()) : this;
    }

    private CodeWriter Wrapped(string prefix, string text)
    {
        foreach (string paragraph in text.Split('\n'))
        {
            int room = Math.Max(40, MaxLineLength - _depth * 4 - prefix.Length);
            var line = new StringBuilder();
            foreach (string word in paragraph.Split(' '))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > room)
                {
                    Line(prefix + line);
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : "").Append(word);
            }

            Line((prefix + line).TrimEnd());
        }

        return this;
    }

    /// <summary>
    /// Writes <paramref name="header"/> (if any) and an opening brace, and indents until the returned scope is disposed,
    /// which writes the closing brace followed by <paramref name="suffix"/>.
    /// </summary>
    public Scope Block(string header = "", string suffix = "")
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        _depth++;
        return new Scope(this, suffix);
    }

    public override string ToString() => _text.ToString();

    /// <summary>An open block; disposing it closes the block.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly string _suffix;

        public Scope(CodeWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.Line("}" + _suffix);
        }
    }
}
