namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Gives every SQLite connection a page cache of up to 64 MB instead of SQLite's default 2 MB (the setting is
/// per connection, not stored in the file). The portfolio summary reads the same few index pages on every dashboard
/// view (about 20 MB on a portfolio of 5,000 projects); with 2 MB each query fetched them again from the operating
/// system, which cost about a third of its CPU time (docs/performance.md). A pooled connection keeps its cache between
/// requests; the memory is taken only as pages are read, and SQLite drops the cache when another connection writes.</summary>
public sealed class SqlitePageCacheInterceptor : SqliteConnectionPragmaInterceptor
{
    /// <summary>Public so that the benchmark's bare-SQL baseline opens its connection with the same cache.</summary>
    public const string Pragma = "PRAGMA cache_size=-65536;";

    protected override string Pragmas => Pragma;
}
