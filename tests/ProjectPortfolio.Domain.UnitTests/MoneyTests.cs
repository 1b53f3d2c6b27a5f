using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.UnitTests;

public class MoneyTests
{
    [TestCase(125000.50, "EUR", 12500050)]
    [TestCase(655957, "XOF", 655957)]
    [TestCase(0.01, "CHF", 1)]
    public void Major_amounts_become_integer_minor_units(decimal major, string currency, long minor) =>
        Assert.That(Money.FromMajor(major, currency).MinorUnits, Is.EqualTo(minor));

    [Test]
    public void Amount_with_more_decimals_than_the_currency_has_is_refused()
    {
        Assert.That(() => Money.FromMajor(10.5m, "XOF"), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Amount.too-precise"));
        Assert.That(Currencies.IsRepresentable(10.005m, "EUR"), Is.False);
    }

    [Test]
    public void Unknown_currency_is_refused() =>
        Assert.That(() => new Money(1, "ZZZ"), Throws.TypeOf<DomainException>());

    [Test]
    public void Adding_different_currencies_is_refused() =>
        Assert.That(() => new Money(1, "EUR").Add(new Money(1, "CHF")), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Currency.mismatch"));

    [Test]
    public void Huge_amount_is_refused_rather_than_overflowing() =>
        Assert.That(() => Money.FromMajor(decimal.MaxValue / 10, "EUR"), Throws.TypeOf<DomainException>());
}
