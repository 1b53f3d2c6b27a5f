using System.Globalization;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Measurements.Import;

/// <summary>A file to send back whose content is a stream (a temporary file deleted when the stream is closed).</summary>
public sealed record TemplateFile(string FileName, string ContentType, Stream Content);

/// <summary>The measurement template for one reporting period: one row per project in execution (status Ongoing)
/// within the caller's scope and per indicator the project has a target for, except the pairs that already have a
/// value overlapping the period. Dates are ISO text (YYYY-MM-DD); language "fr" (default) or "en".
/// Optional filters by country (ISO code), programme code and theme code.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record GetMeasurementTemplateQuery(string? PeriodStart, string? PeriodEnd, string? Language = null,
    string? Country = null, string? Programme = null, string? Theme = null) : IRequest<TemplateFile>;

public sealed class GetMeasurementTemplateValidator : AbstractValidator<GetMeasurementTemplateQuery>
{
    public GetMeasurementTemplateValidator(IApplicationDbContext db)
    {
        RuleFor(q => q.PeriodStart).Must(text => IsoDate(text) is not null).OverridePropertyName("periodStart")
            .WithMessage(_ => Messages.InvalidDate);
        RuleFor(q => q.PeriodEnd).Must(text => IsoDate(text) is not null).OverridePropertyName("periodEnd")
            .WithMessage(_ => Messages.InvalidDate);
        RuleFor(q => q.PeriodEnd).Must((q, end) => IsoDate(end) >= IsoDate(q.PeriodStart)).OverridePropertyName("periodEnd")
            .WithMessage(_ => Messages.EndBeforeStart)
            .When(q => IsoDate(q.PeriodStart) is not null && IsoDate(q.PeriodEnd) is not null);
        RuleFor(q => q.Language)
            .Must(language => language is null || Formats.Languages.Contains(language.Trim().ToLowerInvariant()))
            .OverridePropertyName("lang")
            .WithMessage(_ => Messages.Pick("Langue inconnue : « fr » ou « en ».", "Unknown language: \"fr\" or \"en\"."));
        // An unknown filter is refused rather than answered with an empty template that looks like "nothing to report".
        RuleFor(q => q.Country).Must(c => Countries.IsValid(c!.Trim().ToUpperInvariant())).OverridePropertyName("country")
            .WithMessage(_ => Messages.UnknownCountry)
            .When(q => !string.IsNullOrWhiteSpace(q.Country));
        RuleFor(q => q.Programme)
            .MustAsync((code, ct) => db.Programmes.AnyAsync(p => p.Code == code!.Trim().ToUpper(), ct)).OverridePropertyName("programme")
            .WithMessage(_ => Messages.UnknownProgramme)
            .When(q => !string.IsNullOrWhiteSpace(q.Programme));
        RuleFor(q => q.Theme)
            .MustAsync((code, ct) => db.Themes.AnyAsync(t => t.Code == code!.Trim().ToLower(), ct)).OverridePropertyName("theme")
            .WithMessage(_ => Messages.UnknownTheme)
            .When(q => !string.IsNullOrWhiteSpace(q.Theme));
    }

    internal static DateOnly? IsoDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

public sealed class GetMeasurementTemplateHandler(IApplicationDbContext db, ICurrentUser user, ISpreadsheet spreadsheet)
    : IRequestHandler<GetMeasurementTemplateQuery, TemplateFile>
{
    private sealed record Expected(string ProjectCode, string Title, string? TitleEn, string IndicatorCode, string NameFr, string NameEn,
        IndicatorUnit Unit, Disaggregation Allowed);

    public async Task<TemplateFile> Handle(GetMeasurementTemplateQuery request, CancellationToken cancellationToken)
    {
        var english = request.Language?.Trim().ToLowerInvariant() is { } language ? language == "en" : FieldNames.IsEnglish;
        var start = GetMeasurementTemplateValidator.IsoDate(request.PeriodStart)!.Value;
        var end = GetMeasurementTemplateValidator.IsoDate(request.PeriodEnd)!.Value;

        var columns = ImportColumns.All.Select(c => new OutColumn(c.Header(english), c.Width, c.Filled)).ToList();
        var rows = Rows(Expectations(request, start, end), start, end, english, cancellationToken);
        var sheets = new[]
        {
            new OutSheet(ImportColumns.SheetName(english), columns, rows),
            new OutSheet(ImportColumns.InstructionsSheetName(english), [new OutColumn(string.Empty, 120)],
                Instructions(start, end, english).ToAsyncEnumerable(), HeaderRow: false),
        };

        // Written to a temporary file, not to memory, then streamed to the client; the file goes when the stream closes.
        var path = Path.Combine(Path.GetTempPath(), "portfolio-template-" + Guid.NewGuid().ToString("N") + ".xlsx");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            await spreadsheet.WriteAsync(file, sheets, cancellationToken);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"{(english ? "measurements" : "mesures")}-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.xlsx");
        return new TemplateFile(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
    }

    private IAsyncEnumerable<Expected> Expectations(GetMeasurementTemplateQuery request, DateOnly start, DateOnly end)
    {
        var projects = db.Projects.AsNoTracking().VisibleTo(user).Where(p => p.Status == ProjectStatus.Ongoing);
        if (!string.IsNullOrWhiteSpace(request.Country))
        {
            var country = request.Country.Trim().ToUpperInvariant();
            projects = projects.Where(p => p.Country == country);
        }
        if (!string.IsNullOrWhiteSpace(request.Programme))
        {
            var programme = request.Programme.Trim().ToUpperInvariant();
            projects = projects.Where(p => db.Programmes.Any(g => g.Id == p.ProgrammeId && g.Code == programme));
        }
        if (!string.IsNullOrWhiteSpace(request.Theme))
        {
            var theme = request.Theme.Trim().ToLowerInvariant();
            projects = projects.Where(p => db.Themes.Any(t => t.Id == p.ThemeId && t.Code == theme));
        }
        // A pair whose period already has a value (a draft, one under review, approved or returned) is not expected
        // from the import: finishing or correcting it is the measurement page's job, and the import would refuse it.
        return (
            from p in projects
            from t in p.Targets
            join i in db.Indicators on t.IndicatorId equals i.Id
            where !db.IndicatorMeasurements.Any(m => m.ProjectId == p.Id && m.IndicatorId == i.Id && m.IsCurrent
                && m.PeriodStart <= end && m.PeriodEnd >= start)
            orderby p.Code, i.Code
            select new Expected(p.Code, p.Title, p.TitleEn, i.Code, i.NameFr, i.NameEn, i.Unit, i.AllowedDisaggregation))
            .AsAsyncEnumerable();
    }

    private static async IAsyncEnumerable<IReadOnlyList<OutCell>> Rows(IAsyncEnumerable<Expected> expected, DateOnly start, DateOnly end, bool english,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var startText = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var endText = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await foreach (var e in expected.WithCancellation(cancellationToken))
        {
            var bySex = e.Allowed.HasFlag(Disaggregation.Sex) ? OutStyle.Input : OutStyle.Disabled;
            var byAge = e.Allowed.HasFlag(Disaggregation.AgeGroup) ? OutStyle.Input : OutStyle.Disabled;
            yield return
            [
                OutCell.Of(e.ProjectCode),
                OutCell.Of(english && e.TitleEn is not null ? e.TitleEn : e.Title),
                OutCell.Of(e.IndicatorCode),
                OutCell.Of(english ? e.NameEn : e.NameFr),
                OutCell.Of(ImportColumns.UnitName(e.Unit, english)),
                OutCell.Of(startText),
                OutCell.Of(endText),
                OutCell.Empty(OutStyle.Input),
                OutCell.Empty(bySex), OutCell.Empty(bySex),
                OutCell.Empty(byAge), OutCell.Empty(byAge), OutCell.Empty(byAge), OutCell.Empty(byAge),
                OutCell.Empty(OutStyle.Input),
            ];
        }
    }

    private static IEnumerable<IReadOnlyList<OutCell>> Instructions(DateOnly start, DateOnly end, bool english)
    {
        static string Name(ImportColumn c, bool en) => en ? $"{c.Letter} \"{c.Header(en)}\"" : $"{c.Letter} « {c.Header(en)} »";
        var filled = string.Join(", ", ImportColumns.All.Where(c => c.Filled).Select(c => Name(c, english)));
        var kept = string.Join(", ", ImportColumns.All.Where(c => !c.Filled).Select(c => Name(c, english)));
        var culture = Formats.CultureFor(english ? "en" : "fr");
        string[] lines = english
            ?
            [
                "Importing measurements: how to fill in this workbook",
                $"Reporting period: {Formats.Date(start, culture)} to {Formats.Date(end, culture)}. One row per project in execution and per indicator it has a target for.",
                $"1. Fill in only these columns: {filled}. Leave the others as they are ({kept}) and do not move, add or remove columns.",
                "2. A row without any value is skipped: leave empty the rows you have nothing to report for.",
                "3. The value is a number, zero or more, typed as a number (not text, not a formula). Count and people indicators take whole numbers.",
                "4. Women + men may not exceed the value; nor may the sum of the age groups. A part you do not know may stay empty.",
                "5. Only the disaggregations the indicator allows may be filled in: the grey cells must stay empty.",
                "6. Dates are written YYYY-MM-DD. You may change a row's period, but it may not overlap a period already reported for the same project and indicator, nor another row of the file.",
                "7. Formulas are refused: type the values themselves.",
                "8. The file is imported whole or not at all: every error is listed with its row and column. The imported measurements are submitted in your name; another officer approves them.",
            ]
            :
            [
                "Importer des mesures : comment remplir ce classeur",
                $"Période de rapport : du {Formats.Date(start, culture)} au {Formats.Date(end, culture)}. Une ligne par projet en exécution et par indicateur pour lequel il a une cible.",
                $"1. Remplissez uniquement ces colonnes : {filled}. Laissez les autres telles quelles ({kept}) et ne déplacez, n'ajoutez ni ne supprimez aucune colonne.",
                "2. Une ligne sans aucune valeur est ignorée : laissez vides les lignes pour lesquelles vous n'avez rien à déclarer.",
                "3. La valeur est un nombre positif ou nul, saisi comme un nombre (ni texte, ni formule). Les indicateurs de nombre et de personnes prennent des nombres entiers.",
                "4. Femmes + hommes ne peuvent pas dépasser la valeur ; la somme des tranches d'âge non plus. Une part inconnue peut rester vide.",
                "5. Seules les ventilations autorisées pour l'indicateur peuvent être remplies : les cellules grisées doivent rester vides.",
                "6. Les dates s'écrivent AAAA-MM-JJ. Vous pouvez changer la période d'une ligne, mais elle ne peut chevaucher ni une période déjà déclarée pour le même projet et le même indicateur, ni une autre ligne du fichier.",
                "7. Les formules sont refusées : saisissez les valeurs elles-mêmes.",
                "8. Le fichier est importé en entier ou pas du tout : chaque erreur est indiquée avec sa ligne et sa colonne. Les mesures importées sont soumises en votre nom ; un autre chargé de programme les approuve.",
            ];
        for (var i = 0; i < lines.Length; i++)
            yield return [OutCell.Of(lines[i], i == 0 ? OutStyle.Header : OutStyle.Wrapped)];
    }
}
