using System.Text;

namespace A2AGen.Generators.Emit;

/// <summary>
/// Writes C# source with explicit indentation and <c>\n</c> line endings (the same bytes on every OS; no
/// <c>NormalizeWhitespace</c>).
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public int Indent => _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (var i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes several lines (a raw string literal's content), each at the current indentation.</summary>
    public SourceWriter Lines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public SourceWriter PushIndent()
    {
        _indent++;
        return this;
    }

    public SourceWriter PopIndent()
    {
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
