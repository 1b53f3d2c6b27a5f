using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Application.Projects;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Reports.Archive;

/// <summary>The reports that can be issued. A kind is a code, the record its parameters are read into, the query
/// that generates it (the same one the download endpoint sends, so an issued report is exactly what the reader
/// would have downloaded), and which partners it may be issued for.
/// Adding a kind is one line here, e.g. when the portfolio PDF lands:
/// <code>ReportKind.Of&lt;PortfolioReportParameters&gt;("portfolio-pdf", (p, lang) =&gt; new GetPortfolioReportQuery(p.Country, p.Theme, p.Instrument, p.Partner, p.Programme, p.From, p.To, lang), RecipientRules.PortfolioOfPartner),</code></summary>
public static class ReportKinds
{
    public static readonly IReadOnlyList<ReportKind> All =
    [
        ReportKind.Of<ProjectReportParameters>("project-fact-sheet", (p, lang) => new GetProjectFactSheetQuery(p.ProjectId, lang), RecipientRules.CoFinancesProject),
        ReportKind.Of<SessionReportParameters>("session-dossier", (p, lang) => new GetSessionDossierQuery(p.SessionId, lang)),
        ReportKind.Of<SessionReportParameters>("session-minutes", (p, lang) => new GetSessionMinutesQuery(p.SessionId, lang)),
        ReportKind.Of<PortfolioReportParameters>("portfolio-pdf", (p, lang) => new GetPortfolioReportQuery(p.Country, p.Theme, p.Instrument, p.Partner, p.Programme, p.From, p.To, lang), RecipientRules.PortfolioOfPartner),
    ];

    public static ReportKind? Find(string? code) => All.FirstOrDefault(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The value names a kind of <see cref="All"/>; the message lists them (field "kind").</summary>
    public static IRuleBuilderOptions<T, string?> MustBeReportKind<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(kind => Find(kind) is not null)
            .OverridePropertyName("kind")
            .WithMessage(_ => Messages.Pick("Type de rapport inconnu : ", "Unknown kind of report: ") + string.Join(", ", All.Select(k => k.Code)) + ".");
}

public sealed record ProjectReportParameters(Guid ProjectId);

public sealed record SessionReportParameters(Guid SessionId);

/// <summary>The filter of the portfolio reports (PDF and workbook), as <c>/api/portfolio/summary</c> takes it.</summary>
public sealed record PortfolioReportParameters(
    string? Country = null, string? Theme = null, string? Instrument = null, string? Partner = null, string? Programme = null,
    DateOnly? From = null, DateOnly? To = null) : IPortfolioFilter;

/// <summary>Whether a report with these parameters may be issued for this partner: a donor must only receive what
/// it could see itself.</summary>
public delegate Task<bool> RecipientRule<in TParameters>(TParameters parameters, Guid partnerId, IApplicationDbContext db, CancellationToken cancellationToken);

public static class RecipientRules
{
    /// <summary>No partner: internal documents (the Bureau's dossier and minutes).</summary>
    public static Task<bool> None(object parameters, Guid partnerId, IApplicationDbContext db, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>A project's report goes to the partners that co-finance it: the projects a donor sees (<see cref="ProjectScope"/>).</summary>
    public static Task<bool> CoFinancesProject(ProjectReportParameters parameters, Guid partnerId, IApplicationDbContext db, CancellationToken cancellationToken) =>
        db.Projects.CoFinancedBy(partnerId).AnyAsync(p => p.Id == parameters.ProjectId, cancellationToken);

    /// <summary>A portfolio report goes to a partner only when it is filtered on that partner (its projects, its share).</summary>
    public static Task<bool> PortfolioOfPartner(IPortfolioFilter filter, Guid partnerId, IApplicationDbContext db, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(filter.Partner)
            ? Task.FromResult(false)
            : db.Partners.AnyAsync(p => p.Id == partnerId && p.Code == filter.Partner.Trim().ToUpper(), cancellationToken);
}

/// <summary>One entry of <see cref="ReportKinds"/>.</summary>
public abstract class ReportKind
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    protected ReportKind(string code) => Code = code;

    public string Code { get; }

    public static ReportKind Of<TParameters>(string code, Func<TParameters, string, IRequest<ReportFile>> generate, RecipientRule<TParameters>? recipients = null)
        where TParameters : class =>
        new Typed<TParameters>(code, generate, recipients ?? RecipientRules.None);

    /// <summary>Reads the request's parameters strictly (unknown or missing fields are refused, field "parameters").</summary>
    public abstract object Read(JsonElement? parameters);

    /// <summary>The parameters as canonical JSON: camelCase keys in ordinal order, no spaces, nulls left out.</summary>
    public abstract string Canonical(object parameters);

    public abstract IRequest<ReportFile> Generate(object parameters, string language);

    public abstract Task<bool> MayBeIssuedForAsync(object parameters, Guid partnerId, IApplicationDbContext db, CancellationToken cancellationToken);

    private sealed class Typed<TParameters>(string code, Func<TParameters, string, IRequest<ReportFile>> generate, RecipientRule<TParameters> recipients)
        : ReportKind(code) where TParameters : class
    {
        public override object Read(JsonElement? parameters)
        {
            if (parameters is not { ValueKind: JsonValueKind.Object } json)
                throw new ValidationException("parameters", Messages.Pick("Les paramètres du rapport sont un objet JSON.", "The report's parameters are a JSON object."));
            try
            {
                return json.Deserialize<TParameters>(ReadOptions)
                    ?? throw new ValidationException("parameters", Messages.Pick("Paramètres manquants.", "Missing parameters."));
            }
            catch (JsonException e)
            {
                // The serializer's message names the field and the expected type, which is what the caller needs to fix.
                throw new ValidationException("parameters", Messages.Pick("Paramètres invalides : ", "Invalid parameters: ") + e.Message);
            }
        }

        public override string Canonical(object parameters) =>
            Sorted(JsonSerializer.SerializeToNode((TParameters)parameters, WriteOptions))?.ToJsonString() ?? "{}";

        public override IRequest<ReportFile> Generate(object parameters, string language) => generate((TParameters)parameters, language);

        public override Task<bool> MayBeIssuedForAsync(object parameters, Guid partnerId, IApplicationDbContext db, CancellationToken cancellationToken) =>
            recipients((TParameters)parameters, partnerId, db, cancellationToken);
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
