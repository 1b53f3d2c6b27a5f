using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Catalogue;

public enum IndicatorUnit { Count, People, Percent, Money }

/// <summary>How values over periods combine: incremental values add up; a cumulative value is a running
/// total, so only the latest counts.</summary>
public enum IndicatorKind { Incremental, Cumulative }

[Flags]
public enum Disaggregation { None = 0, Sex = 1, AgeGroup = 2 }

/// <summary>An entry of the results catalogue [Indicateur], referred to by a stable code in targets,
/// measurements, imports and reports.</summary>
public class Indicator : Entity
{
    private Indicator() { Code = NameFr = NameEn = string.Empty; }

    public Indicator(string code, string nameFr, string nameEn, IndicatorUnit unit, IndicatorKind kind, Disaggregation allowedDisaggregation)
    {
        Code = Guard.Text(code, "Code", 40).ToUpperInvariant();
        NameFr = Guard.Text(nameFr, "NameFr", 200);
        NameEn = Guard.Text(nameEn, "NameEn", 200);
        Unit = unit;
        Kind = kind;
        AllowedDisaggregation = allowedDisaggregation;
    }

    public string Code { get; private set; }
    public string NameFr { get; private set; }
    public string NameEn { get; private set; }
    public IndicatorUnit Unit { get; private set; }
    public IndicatorKind Kind { get; private set; }
    public Disaggregation AllowedDisaggregation { get; private set; }

    public string Name(bool english) => english ? NameEn : NameFr;
}
