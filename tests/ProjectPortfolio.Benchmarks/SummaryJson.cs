using System.Text.Json;
using System.Text.Json.Serialization;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Portfolio;

namespace ProjectPortfolio.Benchmarks;

/// <summary>Writes the portfolio summary of a generated database as JSON, one line per scope and filter, so that a change
/// to the summary's queries can be shown to leave every figure as it was (docs/performance.md):
///   dotnet run -c Release --project tests/ProjectPortfolio.Benchmarks -- summary-json [d1|d10] [file]
/// then compare the files of two builds (`cmp`). The scopes: an administrator (what officers and the Bureau see) without
/// a filter, with each country, theme, instrument, programme and partner filter and with periods (the live queries);
/// every partner as a donor; every member city as an applicant.</summary>
internal static class SummaryJson
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static async Task<int> RunAsync(string[] args)
    {
        var size = args.Length > 0 ? args[0] : "d1";
        var file = args.Length > 1 ? args[1] : $"summary-{size}.jsonl";
        var path = await BenchmarkDatabase.EnsureAsync(size);

        // The codes and ids to filter and sign in by, read directly, sorted, so that two builds ask the same questions.
        List<string> Column(string sql)
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read()) values.Add(reader.GetString(0));
            return values;
        }
        var countries = Column("SELECT DISTINCT Country FROM Projects ORDER BY 1");
        var themes = Column("SELECT Code FROM Themes ORDER BY 1");
        var instruments = Column("SELECT Code FROM FundingInstruments ORDER BY 1");
        var programmes = Column("SELECT Code FROM Programmes ORDER BY 1");
        var partners = Column("SELECT Code FROM Partners ORDER BY 1");
        var partnerIds = Column("SELECT Id FROM Partners ORDER BY 1");
        var memberIds = Column("SELECT Id FROM Members ORDER BY 1");

        var queries = new List<(string Label, GetPortfolioSummaryQuery Query)> { ("all", new GetPortfolioSummaryQuery()) };
        queries.AddRange(countries.Select(c => ($"country={c}", new GetPortfolioSummaryQuery(Country: c))));
        queries.AddRange(themes.Select(t => ($"theme={t}", new GetPortfolioSummaryQuery(Theme: t))));
        queries.AddRange(instruments.Select(i => ($"instrument={i}", new GetPortfolioSummaryQuery(Instrument: i))));
        queries.AddRange(programmes.Select(g => ($"programme={g}", new GetPortfolioSummaryQuery(Programme: g))));
        queries.AddRange(partners.Select(p => ($"partner={p}", new GetPortfolioSummaryQuery(Partner: p))));
        foreach (var (from, to) in new (DateOnly?, DateOnly?)[] { (new(2020, 1, 1), null), (null, new(2022, 12, 31)), (new(2018, 1, 1), new(2024, 12, 31)) })
            queries.Add(($"from={from}&to={to}", new GetPortfolioSummaryQuery(From: from, To: to)));

        await using var output = new StreamWriter(file);
        var lines = 0;
        async Task WriteAsync(string scope, ICurrentUser user, IEnumerable<(string Label, GetPortfolioSummaryQuery Query)> asked)
        {
            await using var provider = BenchmarkDatabase.BuildProvider(path, user);
            foreach (var (label, query) in asked)
            {
                using var serviceScope = provider.CreateScope();
                var summary = await serviceScope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
                await output.WriteLineAsync($"{scope} {label} {JsonSerializer.Serialize(summary, Options)}");
                lines++;
            }
        }
        await WriteAsync("administrator", new User(Roles.Administrator, null, null), queries);
        // A donor and an applicant without a filter, and with a period (the live queries, scoped).
        var unfiltered = queries.Where(q => q.Label is "all" || q.Label.StartsWith("from=", StringComparison.Ordinal)).ToList();
        foreach (var id in partnerIds) await WriteAsync($"donor:{id}", new User(Roles.Donor, Guid.Parse(id), null), unfiltered);
        foreach (var id in memberIds) await WriteAsync($"applicant:{id}", new User(Roles.Applicant, null, Guid.Parse(id)), unfiltered.Take(1));
        Console.WriteLine($"{lines} summaries written to {file}");
        return 0;
    }

    private sealed class User(string role, Guid? partnerId, Guid? memberId) : ICurrentUser
    {
        public string? Id => "summary-json";
        public string? Email => "summary-json@portfolio.local";
        public bool IsInRole(string name) => name == role;
        public Guid? PartnerId => partnerId;
        public Guid? MemberId => memberId;
    }
}
