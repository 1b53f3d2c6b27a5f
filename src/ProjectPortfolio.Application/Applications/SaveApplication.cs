using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Common;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Applications;

public sealed record PlanLineInput(Guid PartnerId, decimal Amount, string? Currency, CoFinancingStatus Status);

public sealed record ExpectedResultInput(string? Indicator, double Target);

/// <summary>The fields of a draft; everything but the title may be left empty until submission.</summary>
public interface IApplicationFields
{
    string? Title { get; }
    string? TitleEn { get; }
    string? Summary { get; }
    string? SummaryEn { get; }
    string? Theme { get; }
    string? Instrument { get; }
    decimal? Requested { get; }
    decimal? TotalBudget { get; }
    DateOnly? PlannedStart { get; }
    DateOnly? PlannedEnd { get; }
    IReadOnlyList<PlanLineInput>? CoFinancing { get; }
    IReadOnlyList<ExpectedResultInput>? ExpectedResults { get; }
}

/// <summary>Opens a draft for a member city. A continuation starts from an existing project: what is not typed
/// (theme, instrument, partners, results framework) is taken from that project, so nobody re-keys it.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CreateApplicationCommand : IRequest<Guid>, IApplicationFields
{
    public Guid? ApplicantMemberId { get; init; }
    public ApplicationKind? Kind { get; init; }
    public Guid? ContinuesProjectId { get; init; }
    public string? Currency { get; init; }
    public string? Title { get; init; }
    public string? TitleEn { get; init; }
    public string? Summary { get; init; }
    public string? SummaryEn { get; init; }
    public string? Theme { get; init; }
    public string? Instrument { get; init; }
    public decimal? Requested { get; init; }
    public decimal? TotalBudget { get; init; }
    public DateOnly? PlannedStart { get; init; }
    public DateOnly? PlannedEnd { get; init; }
    public IReadOnlyList<PlanLineInput>? CoFinancing { get; init; }
    public IReadOnlyList<ExpectedResultInput>? ExpectedResults { get; init; }
}

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record UpdateApplicationCommand : IRequest<Unit>, IApplicationFields
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public string? Title { get; init; }
    public string? TitleEn { get; init; }
    public string? Summary { get; init; }
    public string? SummaryEn { get; init; }
    public string? Theme { get; init; }
    public string? Instrument { get; init; }
    public decimal? Requested { get; init; }
    public decimal? TotalBudget { get; init; }
    public DateOnly? PlannedStart { get; init; }
    public DateOnly? PlannedEnd { get; init; }
    public IReadOnlyList<PlanLineInput>? CoFinancing { get; init; }
    public IReadOnlyList<ExpectedResultInput>? ExpectedResults { get; init; }
}

public abstract class ApplicationFieldsValidator<T> : AbstractValidator<T> where T : IApplicationFields
{
    protected ApplicationFieldsValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(GrantApplication.TitleMaxLength).PlainText();
        RuleFor(c => c.TitleEn).MaximumLength(GrantApplication.TitleMaxLength).PlainText();
        RuleFor(c => c.Summary).MaximumLength(GrantApplication.SummaryMaxLength).PlainText();
        RuleFor(c => c.SummaryEn).MaximumLength(GrantApplication.SummaryMaxLength).PlainText();
        RuleFor(c => c.Theme)
            .MustAsync(async (code, ct) => await db.Themes.AnyAsync(t => t.Code == code!.Trim().ToLower(), ct)).WithMessage(_ => Messages.UnknownTheme)
            .When(c => !string.IsNullOrWhiteSpace(c.Theme));
        RuleFor(c => c.Instrument)
            .MustAsync(async (code, ct) => await db.FundingInstruments.AnyAsync(i => i.Code == code!.Trim().ToUpper(), ct)).WithMessage(_ => Messages.UnknownInstrument)
            .When(c => !string.IsNullOrWhiteSpace(c.Instrument));
        RuleFor(c => c.Requested).GreaterThan(0).WithMessage(_ => Messages.AmountNotPositive).When(c => c.Requested is not null);
        RuleFor(c => c.TotalBudget).GreaterThan(0).WithMessage(_ => Messages.AmountNotPositive).When(c => c.TotalBudget is not null);
        RuleFor(c => c.PlannedEnd).Must((c, end) => end >= c.PlannedStart).WithMessage(_ => Messages.EndBeforeStart)
            .When(c => c.PlannedStart is not null && c.PlannedEnd is not null);
        RuleForEach(c => c.CoFinancing).ChildRules(line =>
        {
            line.RuleFor(l => l.Amount).GreaterThan(0).WithMessage(_ => Messages.AmountNotPositive);
            line.RuleFor(l => l.Currency).NotEmpty().Must(Currencies.IsKnown).WithMessage(_ => Messages.UnknownCurrency);
            line.RuleFor(l => l.Status).IsInEnum();
        });
        RuleFor(c => c.CoFinancing)
            .MustAsync(async (lines, ct) =>
            {
                var ids = lines!.Select(l => l.PartnerId).Distinct().ToList();
                return ids.Count == lines!.Count && await db.Partners.CountAsync(p => ids.Contains(p.Id), ct) == ids.Count;
            })
            .WithMessage(_ => Messages.Pick("Chaque partenaire existe et n'apparaît qu'une fois.", "Each partner exists and appears once."))
            .When(c => c.CoFinancing is { Count: > 0 });
        RuleForEach(c => c.ExpectedResults).ChildRules(result =>
        {
            result.RuleFor(r => r.Indicator).NotEmpty();
            result.RuleFor(r => r.Target).GreaterThan(0).Must(double.IsFinite);
        });
    }
}

public class CreateApplicationValidator : ApplicationFieldsValidator<CreateApplicationCommand>
{
    public CreateApplicationValidator(IApplicationDbContext db) : base(db)
    {
        // A continuation may leave the member out: it is the continued project's lead member.
        RuleFor(c => c.ApplicantMemberId).NotEmpty()
            .When(c => c.Kind != ApplicationKind.Continuation || c.ApplicantMemberId is not null);
        RuleFor(c => c.ApplicantMemberId)
            .MustAsync(async (id, ct) => await db.Members.AnyAsync(m => m.Id == id, ct)).WithMessage(_ => Messages.UnknownMember)
            .When(c => c.ApplicantMemberId is not null);
        RuleFor(c => c.Kind).NotNull().IsInEnum();
        RuleFor(c => c.ContinuesProjectId).NotEmpty()
            .MustAsync(async (id, ct) => await db.Projects.AnyAsync(p => p.Id == id, ct))
            .WithMessage(_ => Messages.Pick("Projet inconnu.", "Unknown project."))
            .When(c => c.Kind == ApplicationKind.Continuation);
        RuleFor(c => c.ContinuesProjectId).Null()
            .WithMessage(_ => Messages.Pick("Un nouveau projet ne prolonge pas un projet existant.", "A new project does not continue another one."))
            .When(c => c.Kind == ApplicationKind.NewProject);
        RuleFor(c => c.Currency).Must(Currencies.IsKnown).WithMessage(_ => Messages.UnknownCurrency).When(c => c.Currency is not null);
    }
}

public class UpdateApplicationValidator(IApplicationDbContext db) : ApplicationFieldsValidator<UpdateApplicationCommand>(db);

internal static class ApplicationDraft
{
    /// <summary>Writes the typed fields into the draft through the entity's own guarded methods.</summary>
    public static async Task ApplyAsync(GrantApplication application, IApplicationFields f, IApplicationDbContext db, CancellationToken ct)
    {
        var themeId = string.IsNullOrWhiteSpace(f.Theme) ? (Guid?)null
            : await db.Themes.Where(t => t.Code == f.Theme.Trim().ToLower()).Select(t => t.Id).SingleAsync(ct);
        var instrumentId = string.IsNullOrWhiteSpace(f.Instrument) ? (Guid?)null
            : await db.FundingInstruments.Where(i => i.Code == f.Instrument.Trim().ToUpper()).Select(i => i.Id).SingleAsync(ct);
        application.EditDraft(f.Title!, f.TitleEn, f.Summary, f.SummaryEn, themeId, instrumentId,
            f.Requested is { } requested ? Money.FromMajor(requested, application.Currency) : null,
            f.TotalBudget is { } budget ? Money.FromMajor(budget, application.Currency) : null,
            f.PlannedStart, f.PlannedEnd);
        if (f.CoFinancing is not null)
            application.SetCoFinancing(f.CoFinancing.Select(l => (l.PartnerId, Money.FromMajor(l.Amount, l.Currency!), l.Status)));
        if (f.ExpectedResults is not null)
        {
            var codes = f.ExpectedResults.Select(r => r.Indicator!.Trim().ToUpperInvariant()).ToList();
            var indicators = await db.Indicators.Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Id, ct);
            var unknown = codes.FirstOrDefault(c => !indicators.ContainsKey(c));
            if (unknown is not null)
                throw new ValidationException("ExpectedResults", Messages.Pick($"Indicateur inconnu : {unknown}.", $"Unknown indicator: {unknown}."));
            application.SetExpectedResults(f.ExpectedResults.Select(r => (indicators[r.Indicator!.Trim().ToUpperInvariant()], r.Target)));
        }
    }
}

public class CreateApplicationHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<CreateApplicationCommand, Guid>
{
    public async Task<Guid> Handle(CreateApplicationCommand request, CancellationToken cancellationToken)
    {
        var year = clock.GetUtcNow().Year;
        var reference = await NextReferenceAsync(year, cancellationToken);
        var fields = (IApplicationFields)request;
        var currency = request.Currency ?? "EUR";
        var memberId = request.ApplicantMemberId;

        if (request.Kind == ApplicationKind.Continuation)
        {
            var project = await db.Projects.AsNoTracking().Include(p => p.CoFinancing).Include(p => p.Targets)
                .SingleAsync(p => p.Id == request.ContinuesProjectId, cancellationToken);
            currency = request.Currency ?? project.Currency;
            var indicatorCodes = await db.Indicators.ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
            fields = request with
            {
                Theme = request.Theme ?? await db.Themes.Where(t => t.Id == project.ThemeId).Select(t => t.Code).SingleAsync(cancellationToken),
                Instrument = request.Instrument ?? await db.FundingInstruments.Where(i => i.Id == project.InstrumentId).Select(i => i.Code).SingleAsync(cancellationToken),
                CoFinancing = request.CoFinancing ?? project.CoFinancing
                    .Select(c => new PlanLineInput(c.PartnerId, c.Amount.Amount, c.Currency, CoFinancingStatus.Expected)).ToList(),
                ExpectedResults = request.ExpectedResults ?? project.Targets
                    .Select(t => new ExpectedResultInput(indicatorCodes[t.IndicatorId], t.Target)).ToList(),
            };
            memberId = request.ApplicantMemberId ?? project.LeadMemberId;
        }

        var application = new GrantApplication(reference, memberId!.Value, request.Kind!.Value, request.ContinuesProjectId, request.Title!, currency);
        await ApplicationDraft.ApplyAsync(application, fields, db, cancellationToken);
        db.GrantApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return application.Id;
    }

    private async Task<string> NextReferenceAsync(int year, CancellationToken ct)
    {
        var prefix = $"DS-{year}-";
        var references = await db.GrantApplications.Where(a => a.Reference.StartsWith(prefix)).Select(a => a.Reference).ToListAsync(ct);
        var next = references.Select(r => int.TryParse(r[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        return $"{prefix}{next:000}";
    }
}

public class UpdateApplicationHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<UpdateApplicationCommand, Unit>
{
    public async Task<Unit> Handle(UpdateApplicationCommand request, CancellationToken cancellationToken)
    {
        var application = await db.GrantApplications.VisibleTo(user).Include(a => a.CoFinancing).Include(a => a.ExpectedResults)
            .SingleOrDefaultAsync(a => a.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Application", request.Id);
        if (application.Version != request.Version) throw ConflictException.Stale(application);
        await ApplicationDraft.ApplyAsync(application, request, db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
