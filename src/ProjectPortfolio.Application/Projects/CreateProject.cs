using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Projects;

/// <summary>Enters a project directly (a project funded before the application existed, or outside the
/// Bureau cycle). Projects approved by the Bureau are created by the decision instead.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CreateProjectCommand : IRequest<Guid>, IProjectFields
{
    public string? Code { get; init; }
    public string? Title { get; init; }
    public string? TitleEn { get; init; }
    public string? Summary { get; init; }
    public string? SummaryEn { get; init; }
    public Guid? LeadMemberId { get; init; }
    public IReadOnlyList<Guid>? PartnerMemberIds { get; init; }
    public string? Country { get; init; }
    public string? Theme { get; init; }
    public string? Instrument { get; init; }
    public Guid? ProgrammeId { get; init; }
    public DateOnly? PlannedStart { get; init; }
    public DateOnly? PlannedEnd { get; init; }
    public DateOnly? ActualStart { get; init; }
    public DateOnly? ActualEnd { get; init; }
    public decimal? GrantAmount { get; init; }
    public string? Currency { get; init; }
}

public class CreateProjectValidator : ProjectFieldsValidator<CreateProjectCommand>
{
    public CreateProjectValidator(IApplicationDbContext db) : base(db)
    {
        RuleFor(c => c.Code).ValidCode()
            .MustAsync(async (code, ct) => !await db.Projects.AnyAsync(p => p.Code == code!.Trim().ToUpper(), ct)).WithMessage(_ => Messages.CodeTaken)
            .When(c => !string.IsNullOrWhiteSpace(c.Code));
        RuleFor(c => c.Currency).NotEmpty().Must(Currencies.IsKnown).WithMessage(_ => Messages.UnknownCurrency);
        RuleFor(c => c.GrantAmount).NotEmpty()
            .GreaterThan(0).WithMessage(_ => Messages.AmountNotPositive)
            .Must((c, amount) => Currencies.IsRepresentable(amount!.Value, c.Currency!)).WithMessage(_ => Messages.AmountPrecision)
            .When(c => Currencies.IsKnown(c.Currency) && c.GrantAmount > 0, ApplyConditionTo.CurrentValidator);
    }
}

public class CreateProjectHandler(IApplicationDbContext db) : IRequestHandler<CreateProjectCommand, Guid>
{
    public async Task<Guid> Handle(CreateProjectCommand request, CancellationToken cancellationToken)
    {
        var details = await request.ToDetailsAsync(db, cancellationToken);
        var code = string.IsNullOrWhiteSpace(request.Code)
            ? await NextCodeAsync(db, details.PlannedStart.Year, cancellationToken)
            : request.Code;
        var project = new Project(code, details, Money.FromMajor(request.GrantAmount!.Value, request.Currency!), predecessorId: null, sourceApplicationId: null);
        project.SetPartnerMembers(request.PartnerMemberIds ?? []);
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return project.Id;
    }

    /// <summary>Next free code of the form AIMF-YYYY-NNN for the year.</summary>
    public static async Task<string> NextCodeAsync(IApplicationDbContext db, int year, CancellationToken ct)
    {
        var prefix = $"AIMF-{year}-";
        var codes = await db.Projects.Where(p => p.Code.StartsWith(prefix)).Select(p => p.Code).ToListAsync(ct);
        var next = codes.Select(c => int.TryParse(c[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        return $"{prefix}{next:000}";
    }
}
