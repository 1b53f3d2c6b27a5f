using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Projects;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Projects;

/// <summary>Edits a project's description, dates and status. The code, the grant and the lineage are not
/// editable here: they come from the Bureau's decision.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record UpdateProjectCommand : IRequest<Unit>, IProjectFields
{
    public Guid Id { get; init; }
    /// <summary>The version the editor read; a different current version means someone else saved meanwhile.</summary>
    public int Version { get; init; }
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
    public ProjectStatus? Status { get; init; }
}

public class UpdateProjectValidator : ProjectFieldsValidator<UpdateProjectCommand>
{
    public UpdateProjectValidator(IApplicationDbContext db) : base(db)
    {
        RuleFor(c => c.Status).IsInEnum();
    }
}

public class UpdateProjectHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<UpdateProjectCommand, Unit>
{
    public async Task<Unit> Handle(UpdateProjectCommand request, CancellationToken cancellationToken)
    {
        var project = await db.Projects.VisibleTo(user)
            .Include(p => p.PartnerMembers)
            .SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Project", request.Id);
        if (project.Version != request.Version) throw ConflictException.Stale(project);

        if (request.Status is { } status && !project.CanMoveTo(status))
            throw new ValidationException(nameof(request.Status),
                Messages.Pick($"Un projet ne peut pas passer de « {project.Status} » à « {status} ».", $"A project cannot go from {project.Status} to {status}."));

        project.UpdateDetails(await request.ToDetailsAsync(db, cancellationToken));
        if (request.PartnerMemberIds is not null) project.SetPartnerMembers(request.PartnerMemberIds);
        if (request.Status is { } target) project.ChangeStatus(target);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
