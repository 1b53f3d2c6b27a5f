using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Common;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.BureauSessions;

public sealed record EnvelopeInput(string? Instrument, decimal Amount, string? Currency);

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CreateSessionCommand(DateOnly? Date, string? Place, IReadOnlyList<EnvelopeInput>? Envelopes,
    IReadOnlyList<string>? Attendance = null) : IRequest<Guid>;

/// <summary>Changes a session that is not closed. <c>Attendance</c> replaces the list of those present (a name left
/// out is removed); null keeps it as it is.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record UpdateSessionCommand(Guid Id, int Version, DateOnly? Date, string? Place, IReadOnlyList<EnvelopeInput>? Envelopes,
    IReadOnlyList<string>? Attendance) : IRequest<Unit>;

public class CreateSessionValidator : AbstractValidator<CreateSessionCommand>
{
    public CreateSessionValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Date).NotEmpty();
        RuleFor(c => c.Place).NotEmpty().MaximumLength(200).PlainText();
        RuleForEach(c => c.Envelopes).SetValidator(new EnvelopeValidator(db));
        RuleForEach(c => c.Attendance).NotEmpty().MaximumLength(200).PlainText();
    }
}

public class UpdateSessionValidator : AbstractValidator<UpdateSessionCommand>
{
    public UpdateSessionValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Date).NotEmpty();
        RuleFor(c => c.Place).NotEmpty().MaximumLength(200).PlainText();
        RuleForEach(c => c.Envelopes).SetValidator(new EnvelopeValidator(db));
        RuleForEach(c => c.Attendance).NotEmpty().MaximumLength(200).PlainText();
    }
}

public class EnvelopeValidator : AbstractValidator<EnvelopeInput>
{
    public EnvelopeValidator(IApplicationDbContext db)
    {
        RuleFor(e => e.Instrument).NotEmpty()
            .MustAsync(async (code, ct) => await db.FundingInstruments.AnyAsync(i => i.Code == code!.Trim().ToUpper(), ct))
            .WithMessage(_ => Messages.UnknownInstrument);
        RuleFor(e => e.Amount).GreaterThanOrEqualTo(0);
        RuleFor(e => e.Currency).Must(Currencies.IsKnown).WithMessage(_ => Messages.UnknownCurrency).When(e => e.Currency is not null);
    }
}

public class SaveSessionHandler(IApplicationDbContext db) : IRequestHandler<CreateSessionCommand, Guid>, IRequestHandler<UpdateSessionCommand, Unit>
{
    public async Task<Guid> Handle(CreateSessionCommand request, CancellationToken cancellationToken)
    {
        var date = request.Date!.Value;
        var code = $"BUREAU-{date.Year}-{date.Month:00}";
        if (await db.BureauSessions.AnyAsync(s => s.Code == code, cancellationToken))
            code = $"{code}-{date.Day:00}";
        if (await db.BureauSessions.AnyAsync(s => s.Code == code, cancellationToken))
            throw new ValidationException(nameof(request.Date), Messages.Pick("Une réunion du Bureau existe déjà à cette date.", "A Bureau session already exists on that date."));
        var session = new BureauSession(code, date, request.Place!);
        await SetEnvelopesAsync(session, request.Envelopes, cancellationToken);
        session.ReplaceAttendance(request.Attendance ?? []);
        db.BureauSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    public async Task<Unit> Handle(UpdateSessionCommand request, CancellationToken cancellationToken)
    {
        var session = await db.BureauSessions.Include(s => s.Envelopes).Include(s => s.Attendance)
            .SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Bureau session", request.Id);
        if (session.Version != request.Version) throw ConflictException.Stale(session);
        session.Reschedule(request.Date!.Value, request.Place!);
        await SetEnvelopesAsync(session, request.Envelopes, cancellationToken);
        if (request.Attendance is not null) session.ReplaceAttendance(request.Attendance);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task SetEnvelopesAsync(BureauSession session, IReadOnlyList<EnvelopeInput>? envelopes, CancellationToken ct)
    {
        foreach (var e in envelopes ?? [])
        {
            var instrument = await db.FundingInstruments.SingleAsync(i => i.Code == e.Instrument!.Trim().ToUpper(), ct);
            session.SetEnvelope(instrument.Id, Money.FromMajor(e.Amount, e.Currency ?? instrument.Currency));
        }
    }
}
