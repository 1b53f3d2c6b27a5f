using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Projects;

/// <summary>The fields an officer types on the project form, shared by create and update.</summary>
public interface IProjectFields
{
    string? Title { get; }
    string? TitleEn { get; }
    string? Summary { get; }
    string? SummaryEn { get; }
    Guid? LeadMemberId { get; }
    IReadOnlyList<Guid>? PartnerMemberIds { get; }
    string? Country { get; }
    string? Theme { get; }
    string? Instrument { get; }
    Guid? ProgrammeId { get; }
    DateOnly? PlannedStart { get; }
    DateOnly? PlannedEnd { get; }
    DateOnly? ActualStart { get; }
    DateOnly? ActualEnd { get; }
}

public abstract class ProjectFieldsValidator<T> : AbstractValidator<T> where T : IProjectFields
{
    protected ProjectFieldsValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Project.TitleMaxLength).PlainText();
        RuleFor(c => c.TitleEn).MaximumLength(Project.TitleMaxLength).PlainText();
        RuleFor(c => c.Summary).MaximumLength(Project.SummaryMaxLength).PlainText();
        RuleFor(c => c.SummaryEn).MaximumLength(Project.SummaryMaxLength).PlainText();
        RuleFor(c => c.Country).NotEmpty().ValidCountry();
        RuleFor(c => c.LeadMemberId).NotEmpty()
            .MustAsync(async (id, ct) => await db.Members.AnyAsync(m => m.Id == id, ct)).WithMessage(_ => Messages.UnknownMember)
            .When(c => c.LeadMemberId is not null && c.LeadMemberId != Guid.Empty, ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.PartnerMemberIds)
            .MustAsync(async (ids, ct) => ids is null || ids.Count == 0
                || await db.Members.CountAsync(m => ids.Contains(m.Id), ct) == ids.Distinct().Count())
            .WithMessage(_ => Messages.UnknownMember);
        RuleFor(c => c.Theme).NotEmpty()
            .MustAsync(async (code, ct) => await db.Themes.AnyAsync(t => t.Code == code!.Trim().ToLower(), ct)).WithMessage(_ => Messages.UnknownTheme)
            .When(c => !string.IsNullOrWhiteSpace(c.Theme), ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.Instrument).NotEmpty()
            .MustAsync(async (code, ct) => await db.FundingInstruments.AnyAsync(i => i.Code == code!.Trim().ToUpper(), ct)).WithMessage(_ => Messages.UnknownInstrument)
            .When(c => !string.IsNullOrWhiteSpace(c.Instrument), ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.ProgrammeId)
            .MustAsync(async (id, ct) => await db.Programmes.AnyAsync(p => p.Id == id, ct)).WithMessage(_ => Messages.UnknownProgramme)
            .When(c => c.ProgrammeId is not null);
        RuleFor(c => c.PlannedStart).NotEmpty();
        RuleFor(c => c.PlannedEnd).NotEmpty()
            .Must((c, end) => end >= c.PlannedStart).WithMessage(_ => Messages.EndBeforeStart)
            .When(c => c.PlannedStart is not null && c.PlannedEnd is not null, ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.ActualEnd)
            .Must((c, end) => end >= c.ActualStart).WithMessage(_ => Messages.EndBeforeStart)
            .When(c => c.ActualStart is not null && c.ActualEnd is not null);
        RuleFor(c => c.ActualStart).NotEmpty().WithMessage(_ => Messages.ActualEndWithoutStart).When(c => c.ActualEnd is not null);
    }
}

internal static class ProjectFieldsExtensions
{
    public static async Task<ProjectDetails> ToDetailsAsync(this IProjectFields f, IApplicationDbContext db, CancellationToken ct)
    {
        var theme = f.Theme!.Trim().ToLowerInvariant();
        var instrument = f.Instrument!.Trim().ToUpperInvariant();
        var themeId = await db.Themes.Where(t => t.Code == theme).Select(t => t.Id).SingleAsync(ct);
        var instrumentId = await db.FundingInstruments.Where(i => i.Code == instrument).Select(i => i.Id).SingleAsync(ct);
        return new ProjectDetails(f.Title!, f.TitleEn, f.Summary, f.SummaryEn, f.LeadMemberId!.Value, f.Country!, themeId, instrumentId,
            f.ProgrammeId, f.PlannedStart!.Value, f.PlannedEnd!.Value, f.ActualStart, f.ActualEnd);
    }
}
