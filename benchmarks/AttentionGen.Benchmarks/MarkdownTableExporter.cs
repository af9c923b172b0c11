using System;
using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace AttentionGen.Benchmarks;

/// <summary>
/// A markdown table of one benchmark class's results, written to the log and to <c>folder/fileName</c>; nothing when that
/// class did not run, so a run of another table's benchmarks leaves this one's file as it was.
/// </summary>
internal abstract class MarkdownTableExporter(string folder, string fileName, Type benchmarks) : IExporter
{
    public string Name => GetType().Name;

    public void ExportToLog(Summary summary, ILogger logger)
    {
        if (ReportResults.Ran(summary, benchmarks))
        {
            logger.WriteLine(Table(summary));
        }
    }

    public IEnumerable<string> ExportToFiles(Summary summary, ILogger consoleLogger)
    {
        if (!ReportResults.Ran(summary, benchmarks))
        {
            return [];
        }

        Directory.CreateDirectory(folder);
        string table = Path.Combine(folder, fileName);
        File.WriteAllText(table, Table(summary));
        return [table];
    }

    /// <summary>The table, from the summary's results.</summary>
    protected abstract string Table(Summary summary);
}
