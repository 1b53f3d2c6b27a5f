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

namespace ProjectPortfolio.Application.Applications;

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record SubmitApplicationCommand(Guid Id, int Version) : IRequest<Unit>;

public sealed record ScreeningAnswerInput(Guid CriterionId, ScreeningAnswerValue Answer, string? Comment);

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record ScreenApplicationCommand(Guid Id, int Version, IReadOnlyList<ScreeningAnswerInput>? Answers, string? Comment) : IRequest<Unit>;

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record RecommendApplicationCommand(Guid Id, int Version, bool Recommended, decimal? ProposedAmount, string? Comment) : IRequest<Unit>;

[Authorize(Roles.BureauMember)]
public sealed record GiveOpinionCommand(Guid Id, OpinionValue? Opinion, string? Comment) : IRequest<Unit>;

public class ScreenApplicationValidator : AbstractValidator<ScreenApplicationCommand>
{
    public ScreenApplicationValidator(IApplicationDbContext db)
    {
        RuleForEach(c => c.Answers).ChildRules(a => a.RuleFor(x => x.Answer).IsInEnum());
        RuleFor(c => c.Answers)
            .MustAsync(async (answers, ct) =>
            {
                var ids = (answers ?? []).Select(a => a.CriterionId).Distinct().ToList();
                return ids.Count == (answers?.Count ?? 0) && await db.EligibilityCriteria.CountAsync(c => ids.Contains(c.Id), ct) == ids.Count;
            })
            .WithMessage(_ => Messages.Pick("Chaque réponse porte sur un critère de la grille, une seule fois.", "Each answer is about a criterion of the checklist, once."))
            .DependentRules(() => RuleFor(c => c.Answers)
                .MustAsync(async (answers, ct) => await db.EligibilityCriteria.CountAsync(ct) == (answers?.Count ?? 0))
                .WithMessage(_ => Messages.Pick("Répondez à chaque critère de la grille d'éligibilité.", "Answer every criterion of the eligibility checklist.")));
    }
}

public class GiveOpinionValidator : AbstractValidator<GiveOpinionCommand>
{
    public GiveOpinionValidator() => RuleFor(c => c.Opinion).NotNull().IsInEnum();
}

/// <summary>The officer's steps on an application: submit (completeness checked by the entity), screen with the
/// eligibility checklist, recommend; and the Bureau member's opinion. Each loads, changes and saves one aggregate.</summary>
public class ApplicationTransitionsHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, ExchangeRates.EuroConverter euros) :
    IRequestHandler<SubmitApplicationCommand, Unit>,
    IRequestHandler<ScreenApplicationCommand, Unit>,
    IRequestHandler<RecommendApplicationCommand, Unit>,
    IRequestHandler<GiveOpinionCommand, Unit>
{
    public async Task<Unit> Handle(SubmitApplicationCommand request, CancellationToken cancellationToken)
    {
        var application = await LoadAsync(request.Id, request.Version, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Co-financing in other currencies is compared with the budget at the rates in force on the planned start.
        var rates = await euros.RatesAsync(application.CoFinancing.Select(c => c.Currency).Append(application.Currency),
            application.PlannedStart ?? DateOnly.FromDateTime(now), cancellationToken);
        application.Submit(now, rates);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(ScreenApplicationCommand request, CancellationToken cancellationToken)
    {
        var application = await LoadAsync(request.Id, request.Version, cancellationToken, withScreening: true);
        var checklist = await db.EligibilityCriteria.Select(c => c.Id).ToListAsync(cancellationToken);
        application.RecordScreening(checklist, (request.Answers ?? []).Select(a => (a.CriterionId, a.Answer, a.Comment)), request.Comment);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(RecommendApplicationCommand request, CancellationToken cancellationToken)
    {
        var application = await LoadAsync(request.Id, request.Version, cancellationToken);
        Money? proposed = null;
        if (request.Recommended)
        {
            if (request.ProposedAmount is not { } amount || !Currencies.IsRepresentable(amount, application.Currency))
                throw new ValidationException(nameof(request.ProposedAmount), Messages.Pick(
                    "Une recommandation favorable propose un montant, au centime près dans la devise de la demande.",
                    "A favourable recommendation proposes an amount, to the currency's smallest unit."));
            proposed = Money.FromMajor(amount, application.Currency);
        }
        application.Recommend(request.Recommended, proposed, request.Comment);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(GiveOpinionCommand request, CancellationToken cancellationToken)
    {
        var application = await db.GrantApplications.Include(a => a.Opinions).SingleOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Application", request.Id);
        application.GiveOpinion(user.Id!, user.Email ?? user.Id!, request.Opinion!.Value, request.Comment, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task<GrantApplication> LoadAsync(Guid id, int version, CancellationToken ct, bool withScreening = false)
    {
        var query = db.GrantApplications.VisibleTo(user).Include(a => a.ExpectedResults).Include(a => a.CoFinancing).AsQueryable();
        if (withScreening) query = query.Include(a => a.ScreeningAnswers);
        var application = await query.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Application", id);
        if (application.Version != version) throw ConflictException.Stale(application);
        return application;
    }
}
