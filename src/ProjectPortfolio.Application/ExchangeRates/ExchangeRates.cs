using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Finance;

namespace ProjectPortfolio.Application.ExchangeRates;

public sealed record ExchangeRateRow(Guid Id, string Currency, DateOnly EffectiveFrom, decimal UnitsPerEuro);

[Authorize]
public sealed record GetExchangeRatesQuery : IRequest<IReadOnlyList<ExchangeRateRow>>;

/// <summary>Adds a rate from a date on; earlier amounts keep the rate that was in force for them.</summary>
[Authorize(Roles.Administrator)]
public sealed record AddExchangeRateCommand(string? Currency, DateOnly? EffectiveFrom, decimal? UnitsPerEuro) : IRequest<Guid>;

public class AddExchangeRateValidator : AbstractValidator<AddExchangeRateCommand>
{
    public AddExchangeRateValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Currency).NotEmpty().Must(c => Currencies.IsKnown(c) && !string.Equals(c, "EUR", StringComparison.OrdinalIgnoreCase))
            .WithMessage(_ => Messages.UnknownCurrency);
        RuleFor(c => c.EffectiveFrom).NotEmpty();
        RuleFor(c => c.UnitsPerEuro).NotNull().GreaterThan(0).LessThanOrEqualTo(1_000_000);
        RuleFor(c => c.EffectiveFrom)
            .MustAsync(async (c, date, ct) => !await db.ExchangeRates.AnyAsync(r => r.Currency == c.Currency!.ToUpper() && r.EffectiveFrom == date, ct))
            .WithMessage(_ => Messages.Pick("Un taux existe déjà pour cette devise à cette date.", "A rate already exists for this currency on this date."))
            .When(c => Currencies.IsKnown(c.Currency) && c.EffectiveFrom is not null);
    }
}

/// <summary>Converts amounts to euros with the rate in force on a date (before the first known rate, the latest
/// one available, as the portfolio figures do). Null when a currency has no rate at all: never counted at par.</summary>
public sealed class EuroConverter(IApplicationDbContext db)
{
    public async Task<decimal?> ToEurosAsync(IEnumerable<(long Minor, string Currency)> amounts, DateOnly on, CancellationToken ct)
    {
        var list = amounts.ToList();
        var rates = await RatesAsync(list.Select(a => a.Currency), on, ct);
        if (list.Any(a => !rates.Has(a.Currency))) return null;
        var total = list.GroupBy(a => a.Currency).Sum(g => rates.ToMajor(g.Sum(a => a.Minor), g.Key, "EUR"));
        return decimal.Round(total, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The rates of <paramref name="currencies"/> in force on <paramref name="on"/>, with the same fallback as
    /// <see cref="ToEurosAsync"/>; a currency without any rate is simply absent from the table.</summary>
    public async Task<RateTable> RatesAsync(IEnumerable<string> currencies, DateOnly on, CancellationToken ct)
    {
        var wanted = currencies.Select(c => c.ToUpperInvariant()).Where(c => c != "EUR").Distinct().ToList();
        var rates = await db.ExchangeRates.AsNoTracking().Where(r => wanted.Contains(r.Currency)).ToListAsync(ct);
        return RateTable.On(rates, on);
    }
}

public class ExchangeRatesHandler(IApplicationDbContext db) :
    IRequestHandler<GetExchangeRatesQuery, IReadOnlyList<ExchangeRateRow>>,
    IRequestHandler<AddExchangeRateCommand, Guid>
{
    public async Task<IReadOnlyList<ExchangeRateRow>> Handle(GetExchangeRatesQuery request, CancellationToken cancellationToken) =>
        (await db.ExchangeRates.AsNoTracking().OrderBy(r => r.Currency).ThenByDescending(r => r.EffectiveFrom).ToListAsync(cancellationToken))
            .Select(r => new ExchangeRateRow(r.Id, r.Currency, r.EffectiveFrom, r.UnitsPerEuro)).ToList();

    public async Task<Guid> Handle(AddExchangeRateCommand request, CancellationToken cancellationToken)
    {
        var rate = new ExchangeRate(request.Currency!, request.EffectiveFrom!.Value, request.UnitsPerEuro!.Value);
        db.ExchangeRates.Add(rate);
        await db.SaveChangesAsync(cancellationToken);
        return rate.Id;
    }
}
