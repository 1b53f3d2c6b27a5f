using ProjectPortfolio.Web;

// "dotnet run -- import <file>" imports a portfolio file instead of serving the web application.
if (args.Length > 0 && args[0] == "import")
    return await Commands.ImportAsync(args);
// "dotnet run -- backup <file>" copies the database online, while the application may be running.
if (args.Length > 0 && args[0] == "backup")
    return await Commands.BackupAsync(args);
// "dotnet run -- generate <d1|d10>" fills an empty database with a synthetic portfolio (docs/performance.md).
if (args.Length > 0 && args[0] == "generate")
    return await Commands.GenerateAsync(args);

var app = WebApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
