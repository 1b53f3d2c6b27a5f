using Microsoft.Extensions.Hosting;

namespace ProjectPortfolio.Infrastructure.Documents;

internal static class StorageFolder
{
    /// <summary>The configured folder as a full path (a relative one is under the content root), created if missing.</summary>
    public static string Resolve(string path, IHostEnvironment environment)
    {
        var root = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
        Directory.CreateDirectory(root);
        return root;
    }
}
