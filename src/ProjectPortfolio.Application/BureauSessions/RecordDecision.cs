using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.BureauSessions;

public sealed record ConditionInput(ConditionKind Kind, string? Text, DateOnly? Deadline);

/// <summary>Records the Bureau's decision on an agenda item. An approval creates the project in the same
/// transaction: the awarded grant, the co-financing plan, the expected results as indicator targets and a first
/// disbursement tranche, linked to its predecessor for a continuation, so nobody re-keys anything.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record RecordDecisionCommand(Guid SessionId, Guid ApplicationId, DecisionOutcome? Outcome, decimal? AwardedAmount,
    IReadOnlyList<ConditionInput>? Conditions, string? Reason, string? EnvelopeOverrideReason) : IRequest<DecisionResult>;

public sealed record DecisionResult(DecisionOutcome Outcome, Guid? ProjectId, string? ProjectCode);

public class RecordDecisionValidator : AbstractValidator<RecordDecisionCommand>
{
    public RecordDecisionValidator()
    {
        RuleFor(c => c.Outcome).NotNull().IsInEnum();
        RuleFor(c => c.AwardedAmount).NotNull().GreaterThan(0).WithMessage(_ => Messages.AmountNotPositive).When(c => c.Outcome == DecisionOutcome.Approved);
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Outcome == DecisionOutcome.Rejected);
        RuleFor(c => c.Reason).MaximumLength(2000).PlainText();
        RuleFor(c => c.EnvelopeOverrideReason).MaximumLength(2000).PlainText();
        RuleForEach(c => c.Conditions).ChildRules(c =>
        {
            c.RuleFor(x => x.Kind).IsInEnum();
            c.RuleFor(x => x.Text).NotEmpty().MaximumLength(1000).PlainText();
            c.RuleFor(x => x.Deadline).NotEmpty();
        });
    }
}

public class RecordDecisionHandler(IApplicationDbContext db, TimeProvider clock, ExchangeRates.EuroConverter euros) : IRequestHandler<RecordDecisionCommand, DecisionResult>
{
    /// <summary>Share of the grant planned for the first tranche, paid about a month after the decision.</summary>
    public const int FirstTranchePercent = 50;

    /// <summary>How many times an approval is tried when its new project's code was taken meanwhile.</summary>
    public const int CodeAttempts = 5;

    public async Task<DecisionResult> Handle(RecordDecisionCommand request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DecideAsync(request, cancellationToken);
            }
            catch (DuplicateKeyException) when (attempt < CodeAttempts && request.Outcome == DecisionOutcome.Approved)
            {
                // Another approval (in another session: the same session's version would have stopped it) took the
                // next project code between our read and our save. Nothing was stored; start again from what is
                // stored now, which re-checks the envelope and the application's status as well.
                db.DiscardChanges();
            }
        }
    }

    private async Task<DecisionResult> DecideAsync(RecordDecisionCommand request, CancellationToken cancellationToken)
    {
        var session = await db.BureauSessions.Include(s => s.Agenda).Include(s => s.Envelopes).Include(s => s.Decisions)
            .SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken) ?? throw new NotFoundException("Bureau session", request.SessionId);
        var application = await db.GrantApplications.Include(a => a.CoFinancing).Include(a => a.ExpectedResults)
            .SingleOrDefaultAsync(a => a.Id == request.ApplicationId, cancellationToken) ?? throw new NotFoundException("Application", request.ApplicationId);
        var now = clock.GetUtcNow().UtcDateTime;

        switch (request.Outcome!.Value)
        {
            case DecisionOutcome.Rejected:
                session.Reject(application, request.Reason!, now);
                await db.SaveChangesAsync(cancellationToken);
                return new DecisionResult(DecisionOutcome.Rejected, null, null);
            case DecisionOutcome.Deferred:
                session.Defer(application, request.Reason, now);
                await db.SaveChangesAsync(cancellationToken);
                return new DecisionResult(DecisionOutcome.Deferred, null, null);
        }

        if (!Currencies.IsRepresentable(request.AwardedAmount!.Value, application.Currency))
            throw new ValidationException(nameof(request.AwardedAmount), Messages.AmountPrecision);
        var awarded = Money.FromMajor(request.AwardedAmount.Value, application.Currency);
        // The envelope and the amounts already awarded from it may be in other currencies: compare at the session date's rates.
        var rates = await euros.RatesAsync(session.Decisions.Where(d => d.Currency is not null).Select(d => d.Currency!)
            .Concat(session.Envelopes.Select(e => e.Currency)).Append(application.Currency), session.Date, cancellationToken);
        var decision = session.Approve(application, awarded,
            (request.Conditions ?? []).Select(c => new DecisionConditionSpec(c.Kind, c.Text!, c.Deadline!.Value)).ToList(),
            request.EnvelopeOverrideReason, now, rates);

        var project = await CreateProjectAsync(session, application, awarded, cancellationToken);
        decision.LinkProject(project.Id);
        db.Projects.Add(project);
        // One SaveChanges, one transaction: the decision, the application's new status and the project land together.
        await db.SaveChangesAsync(cancellationToken);
        return new DecisionResult(DecisionOutcome.Approved, project.Id, project.Code);
    }

    private async Task<Project> CreateProjectAsync(BureauSession session, Domain.Applications.GrantApplication application, Money awarded, CancellationToken ct)
    {
        var country = await db.Members.Where(m => m.Id == application.ApplicantMemberId).Select(m => m.Country).SingleAsync(ct);
        var predecessor = application.ContinuesProjectId is null ? null
            : await db.Projects.Include(p => p.PartnerMembers).SingleAsync(p => p.Id == application.ContinuesProjectId, ct);
        var start = application.PlannedStart ?? session.Date.AddMonths(1);
        var end = application.PlannedEnd ?? start.AddYears(2);
        var details = new ProjectDetails(application.Title, application.TitleEn, application.Summary, application.SummaryEn,
            application.ApplicantMemberId, country, application.ThemeId!.Value, application.InstrumentId!.Value, predecessor?.ProgrammeId,
            start, end, null, null);
        var code = await CreateProjectHandler.NextCodeAsync(db, session.Date.Year, ct);
        var project = new Project(code, details, awarded, application.ContinuesProjectId, application.Id);
        if (predecessor is not null) project.SetPartnerMembers(predecessor.PartnerMembers.Select(m => m.MemberId));
        foreach (var line in application.CoFinancing)
            project.AddCoFinancing(line.PartnerId, new Money(line.AmountMinor, line.Currency), line.Status, null);
        foreach (var result in application.ExpectedResults)
            project.SetTarget(result.IndicatorId, 0, result.Target, end);
        project.AddTranche(session.Date.AddMonths(1), new Money(awarded.MinorUnits * FirstTranchePercent / 100, awarded.Currency));
        return project;
    }
}

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CloseSessionCommand(Guid Id, int Version) : IRequest<Unit>;

/// <summary>Closes a session. What the Bureau did not examine is deferred ("not examined in session") in the same
/// transaction, so it appears in the minutes and comes back on the next session's agenda.</summary>
public class CloseSessionHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<CloseSessionCommand, Unit>
{
    public async Task<Unit> Handle(CloseSessionCommand request, CancellationToken cancellationToken)
    {
        var session = await db.BureauSessions.Include(s => s.Agenda).Include(s => s.Decisions)
            .SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Bureau session", request.Id);
        if (session.Version != request.Version) throw ConflictException.Stale(session);
        var undecided = session.Agenda.Select(a => a.ApplicationId).Except(session.Decisions.Select(d => d.ApplicationId)).ToList();
        var applications = await db.GrantApplications.Where(a => undecided.Contains(a.Id)).ToListAsync(cancellationToken);
        if (session.Status == SessionStatus.Planned) session.MarkHeld();
        session.Close(applications, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Corrects the amount of an approval after its session closed, with a reason kept in the history; the
/// project created by the approval follows in the same transaction.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record AmendDecisionCommand(Guid SessionId, Guid ApplicationId, decimal? NewAwardedAmount, string? Reason) : IRequest<Unit>;

public class AmendDecisionValidator : AbstractValidator<AmendDecisionCommand>
{
    public AmendDecisionValidator()
    {
        RuleFor(c => c.NewAwardedAmount).NotNull().GreaterThan(0).WithMessage(_ => Messages.AmountNotPositive);
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(2000).PlainText();
    }
}

public class AmendDecisionHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AmendDecisionCommand, Unit>
{
    public async Task<Unit> Handle(AmendDecisionCommand request, CancellationToken cancellationToken)
    {
        var session = await db.BureauSessions.Include(s => s.Decisions).ThenInclude(d => d.Amendments)
            .SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken) ?? throw new NotFoundException("Bureau session", request.SessionId);
        var application = await db.GrantApplications.SingleOrDefaultAsync(a => a.Id == request.ApplicationId, cancellationToken)
            ?? throw new NotFoundException("Application", request.ApplicationId);
        if (!Currencies.IsRepresentable(request.NewAwardedAmount!.Value, application.Currency))
            throw new ValidationException(nameof(request.NewAwardedAmount), Messages.AmountPrecision);
        var amount = Money.FromMajor(request.NewAwardedAmount.Value, application.Currency);
        session.AmendAward(application, amount, request.Reason!, user.Email ?? user.Id ?? "?", clock.GetUtcNow().UtcDateTime);

        var projectId = session.Decisions.Single(d => d.ApplicationId == application.Id && d.Outcome == DecisionOutcome.Approved).ProjectId;
        if (projectId is not null)
        {
            var project = await db.Projects.Include(p => p.Tranches).SingleAsync(p => p.Id == projectId, cancellationToken);
            project.AmendGrant(amount);
        }
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
