using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Partners;

namespace ProjectPortfolio.Application.Partners;

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CreatePartnerCommand(string? Code, string? Name, PartnerKind? Kind, string? Country) : IRequest<Guid>;

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record UpdatePartnerCommand(Guid Id, int Version, string? Name, PartnerKind? Kind, string? Country) : IRequest<Unit>;

public class CreatePartnerValidator : AbstractValidator<CreatePartnerCommand>
{
    public CreatePartnerValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop).NotEmpty().ValidCode(Partner.CodeMaxLength)
            .MustAsync(async (code, ct) => !await db.Partners.AnyAsync(p => p.Code == code!.Trim().ToUpper(), ct))
            .WithMessage(_ => Messages.CodeTaken)
            // Without a code there is nothing to look up (and the lookup would throw): NotEmpty has said it.
            .When(c => !string.IsNullOrWhiteSpace(c.Code), ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Partner.NameMaxLength).PlainText();
        RuleFor(c => c.Kind).NotNull().IsInEnum();
        RuleFor(c => c.Country).ValidCountry().When(c => !string.IsNullOrWhiteSpace(c.Country));
    }
}

public class UpdatePartnerValidator : AbstractValidator<UpdatePartnerCommand>
{
    public UpdatePartnerValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Partner.NameMaxLength).PlainText();
        RuleFor(c => c.Kind).NotNull().IsInEnum();
        RuleFor(c => c.Country).ValidCountry().When(c => !string.IsNullOrWhiteSpace(c.Country));
    }
}

public class CreatePartnerHandler(IApplicationDbContext db) : IRequestHandler<CreatePartnerCommand, Guid>
{
    public async Task<Guid> Handle(CreatePartnerCommand request, CancellationToken cancellationToken)
    {
        var partner = new Partner(request.Code!, request.Name!, request.Kind!.Value, request.Country);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        return partner.Id;
    }
}

public class UpdatePartnerHandler(IApplicationDbContext db) : IRequestHandler<UpdatePartnerCommand, Unit>
{
    public async Task<Unit> Handle(UpdatePartnerCommand request, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Partner", request.Id);
        if (partner.Version != request.Version) throw ConflictException.Stale(partner);
        partner.Update(request.Name!, request.Kind!.Value, request.Country);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
