using ProjectPortfolio.Benchmarks;

// The benchmarks of docs/performance.md, one per mode, each with its own file and target:
//   dotnet run -c Release --project tests/ProjectPortfolio.Benchmarks -- <mode> [arguments]
// A benchmark exits with 1 when it misses its target, 2 on a usage error.
var mode = args.Length > 0 ? args[0] : "xlsx";
var rest = args.Length > 1 ? args[1..] : [];
switch (mode)
{
    case "xlsx" or "openxml" or "rows":
        return await XlsxBenchmark.RunAsync(mode, rest);
    case "summary":
        return await SummaryBenchmark.RunAsync(rest);
    case "summary-json":
        return await SummaryJson.RunAsync(rest);
    case "pages":
        return await PagesBenchmark.RunAsync(rest);
    case "load":
        return await LoadBenchmark.RunAsync(rest);
    case "writes":
        return await WritesBenchmark.RunAsync(rest);
    case "pdf":
        return PdfBenchmark.Run(rest);
    case "pdf-scale":
        return PdfBenchmark.RunScale(rest);
    case "excel-export":
        return await ExcelExportBenchmark.RunAsync(rest);
    case "excel-profile":
        return await ExcelExportBenchmark.ProfileAsync(rest);
    default:
        Console.Error.WriteLine("Usage: -- xlsx [rows] | -- openxml [rows] | -- rows [rows] | -- summary [d1|d10] [runs] | -- summary-json [d1|d10] [file] | -- pdf [fact-sheet runs] | -- pdf-scale [pages...] | -- excel-export [d1|d10] [fr|en] [exports=2] | -- excel-profile [d1|d10] [fr|en] | -- pages [clients] [seconds] | -- writes [writers] [seconds] [full|normal] | -- load [clients] [seconds]");
        return 2;
}
