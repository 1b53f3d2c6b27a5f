using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Members;

namespace ProjectPortfolio.Application.Members;

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CreateMemberCommand(string? Code, string? Name, MemberKind? Kind, string? Country, string? Region) : IRequest<Guid>;

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record UpdateMemberCommand(Guid Id, int Version, string? Name, MemberKind? Kind, string? Country, string? Region) : IRequest<Unit>;

public class CreateMemberValidator : AbstractValidator<CreateMemberCommand>
{
    public CreateMemberValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop).NotEmpty().ValidCode(Member.CodeMaxLength)
            .MustAsync(async (code, ct) => !await db.Members.AnyAsync(m => m.Code == code!.Trim().ToUpper(), ct))
            .WithMessage(_ => Messages.CodeTaken)
            // Without a code there is nothing to look up (and the lookup would throw): NotEmpty has said it.
            .When(c => !string.IsNullOrWhiteSpace(c.Code), ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Member.NameMaxLength).PlainText();
        RuleFor(c => c.Kind).NotNull().IsInEnum();
        RuleFor(c => c.Country).NotEmpty().ValidCountry();
        RuleFor(c => c.Region).MaximumLength(Member.RegionMaxLength).PlainText();
    }
}

public class UpdateMemberValidator : AbstractValidator<UpdateMemberCommand>
{
    public UpdateMemberValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Member.NameMaxLength).PlainText();
        RuleFor(c => c.Kind).NotNull().IsInEnum();
        RuleFor(c => c.Country).NotEmpty().ValidCountry();
        RuleFor(c => c.Region).MaximumLength(Member.RegionMaxLength).PlainText();
    }
}

public class CreateMemberHandler(IApplicationDbContext db) : IRequestHandler<CreateMemberCommand, Guid>
{
    public async Task<Guid> Handle(CreateMemberCommand request, CancellationToken cancellationToken)
    {
        var member = new Member(request.Code!, request.Name!, request.Kind!.Value, request.Country!, request.Region);
        db.Members.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        return member.Id;
    }
}

public class UpdateMemberHandler(IApplicationDbContext db) : IRequestHandler<UpdateMemberCommand, Unit>
{
    public async Task<Unit> Handle(UpdateMemberCommand request, CancellationToken cancellationToken)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Member", request.Id);
        if (member.Version != request.Version) throw ConflictException.Stale(member);
        member.Update(request.Name!, request.Kind!.Value, request.Country!, request.Region);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
