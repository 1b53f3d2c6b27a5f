using ProjectPortfolio.Web;

// "dotnet run -- import <file>" imports a portfolio file instead of serving the web application.
if (args.Length > 0 && args[0] == "import")
    return await Commands.ImportAsync(args);
// "dotnet run -- backup <file>" copies the database online, while the application may be running.
if (args.Length > 0 && args[0] == "backup")
    return await Commands.BackupAsync(args);

var app = WebApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
