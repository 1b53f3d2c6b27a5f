using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Indicators;

namespace ProjectPortfolio.Application.Measurements.Import;

/// <summary>One refusal: the row and column a spreadsheet shows (both null for the file as a whole), the header
/// expected in that column, and a message in the request's language.</summary>
public sealed record ImportCellError(int? Row, string? Column, string? Header, string Message);

/// <summary>What an import did: the measurements created and submitted, the rows skipped (no value), or, when
/// <see cref="Errors"/> is not empty, nothing at all.</summary>
public sealed record MeasurementImportResult(int Imported, int Skipped, IReadOnlyList<ImportCellError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

public static class MeasurementImportLimits
{
    /// <summary>Largest workbook accepted (5 MB): thousands of rows take a few hundred kilobytes.</summary>
    public const long MaxBytes = 5L * 1024 * 1024;
    /// <summary>Most non-empty rows read from the sheet, the header included.</summary>
    public const int MaxRows = 10_000;
    /// <summary>Far above any real figure, low enough to rule out typing accidents (the measurement form's limit).</summary>
    public const double MaxValue = 1e12;
}

/// <summary>Imports a filled measurement template (.xlsx). Every row is checked and every error reported; the
/// measurements are created and submitted by the uploader only when the whole file is valid, in one transaction,
/// so that another officer approves them (four eyes). <paramref name="Content"/> must be seekable.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record ImportMeasurementsCommand(string? FileName, Stream Content) : IRequest<MeasurementImportResult>;

public sealed class ImportMeasurementsHandler(IApplicationDbContext db, ICurrentUser user, ISpreadsheet spreadsheet, TimeProvider clock)
    : IRequestHandler<ImportMeasurementsCommand, MeasurementImportResult>
{
    private sealed record Candidate(int Row, Guid ProjectId, Indicator Indicator, DateOnly Start, DateOnly End, double Value,
        List<MeasurementPart> Parts, string? Evidence);

    public async Task<MeasurementImportResult> Handle(ImportMeasurementsCommand request, CancellationToken cancellationToken)
    {
        var content = request.Content;
        if (content.Length > MeasurementImportLimits.MaxBytes) throw new FileTooLargeException(MeasurementImportLimits.MaxBytes);
        if (content.Length == 0) return Refused(Messages.Pick("Le fichier est vide.", "The file is empty."));
        // The type is told from the bytes (a zip holding [Content_Types].xml and xl/), never from the name; the
        // inspector also refuses archives that would inflate too much before the workbook library opens them.
        var kind = FileInspector.Inspect(content, request.FileName ?? string.Empty);
        if (kind?.Extension != ".xlsx")
            return Refused(Messages.Pick("Ce fichier n'est pas un classeur Excel (.xlsx) : téléchargez le modèle et remplissez-le.",
                "This file is not an Excel workbook (.xlsx): download the template and fill it in."));

        InSheet sheet;
        try
        {
            sheet = spreadsheet.ReadFirstSheet(content, MeasurementImportLimits.MaxRows + 1);
        }
        catch (SpreadsheetUnreadableException)
        {
            return Refused(Messages.Pick("Le classeur ne peut pas être lu (fichier abîmé ou protégé).", "The workbook cannot be read (damaged or protected file)."));
        }
        if (sheet.TooManyRows)
            return Refused(Messages.Pick($"Le fichier a plus de {MeasurementImportLimits.MaxRows:N0} lignes : découpez-le.",
                $"The file has more than {MeasurementImportLimits.MaxRows:N0} rows: split it."));

        var headerErrors = CheckHeaders(sheet.Rows.FirstOrDefault(r => r.Number == 1));
        if (headerErrors.Count > 0) return new MeasurementImportResult(0, 0, headerErrors);

        return await db.InTransactionAsync(ct => ImportAsync(sheet, ct), cancellationToken);
    }

    private static MeasurementImportResult Refused(string message) => new(0, 0, [new ImportCellError(null, null, null, message)]);

    private static ImportCellError Error(int row, ImportColumn column, string message) =>
        new(row, column.Letter, column.Header(FieldNames.IsEnglish), message);

    private static List<ImportCellError> CheckHeaders(InRow? header)
    {
        var errors = new List<ImportCellError>();
        foreach (var column in ImportColumns.All)
        {
            var text = header?[column.Number] is { Kind: InCellKind.Text } cell ? cell.Text.Trim() : null;
            if (string.Equals(text, column.HeaderFr, StringComparison.OrdinalIgnoreCase) || string.Equals(text, column.HeaderEn, StringComparison.OrdinalIgnoreCase))
                continue;
            errors.Add(Error(1, column, Messages.Pick(
                $"En-tête attendu : « {column.HeaderFr} ». Les colonnes du modèle ne se déplacent pas et ne se suppriment pas.",
                $"Expected header: \"{column.HeaderEn}\". The template's columns are not moved or removed.")));
        }
        return errors;
    }

    private async Task<MeasurementImportResult> ImportAsync(InSheet sheet, CancellationToken ct)
    {
        var rows = sheet.Rows.Where(r => r.Number > 1).ToList();
        var errors = new List<ImportCellError>();
        var skipped = 0;

        var codes = rows.Select(r => CodeOf(r[ImportColumns.ProjectCode.Number])).OfType<string>().Distinct().ToList();
        var known = await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code)).Select(p => new { p.Code, p.Id }).ToListAsync(ct);
        var visible = (await db.Projects.AsNoTracking().VisibleTo(user).Where(p => codes.Contains(p.Code)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        // Unknown and outside the user's scope read the same, so that the import cannot be used to probe for projects.
        var projects = known.Where(p => visible.Contains(p.Id)).ToDictionary(p => p.Code, p => p.Id, StringComparer.Ordinal);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var projectIds = projects.Values.ToList();
        var targets = (await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
                .SelectMany(p => p.Targets.Select(t => new { t.ProjectId, t.IndicatorId })).ToListAsync(ct))
            .Select(t => (t.ProjectId, t.IndicatorId)).ToHashSet();

        var candidates = new List<Candidate>();
        foreach (var row in rows)
        {
            if (ImportColumns.All.Where(c => c.Filled).All(c => IsBlank(row[c.Number])))
            {
                skipped++;
                continue;
            }
            var rowErrors = new List<ImportCellError>();
            var candidate = ReadRow(row, rowErrors, projects, indicators, targets);
            errors.AddRange(rowErrors);
            if (candidate is not null && rowErrors.Count == 0) candidates.Add(candidate);
        }

        errors.AddRange(DuplicatesInFile(candidates));
        errors.AddRange(await AlreadyRecordedAsync(candidates, ct));

        if (errors.Count > 0)
            return new MeasurementImportResult(0, skipped, errors.OrderBy(e => e.Row).ThenBy(e => e.Column?.Length).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());
        if (candidates.Count == 0)
            return new MeasurementImportResult(0, skipped, [new ImportCellError(null, null, null, Messages.Pick(
                "Aucune valeur à importer : remplissez au moins une ligne.", "Nothing to import: fill in at least one row."))]);

        var actor = user.Email ?? user.Id ?? throw new UnauthorizedAccessException();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in candidates)
        {
            // The entity checks the rules again; every one of them was checked above, so none can fail half-way.
            var measurement = new IndicatorMeasurement(c.ProjectId, c.Indicator, c.Start, c.End, c.Value, c.Parts, c.Evidence);
            measurement.Submit(actor, now);
            db.IndicatorMeasurements.Add(measurement);
        }
        await db.SaveChangesAsync(ct);
        return new MeasurementImportResult(candidates.Count, skipped, []);
    }

    private Candidate? ReadRow(InRow row, List<ImportCellError> errors, Dictionary<string, Guid> projects, Dictionary<string, Indicator> indicators,
        HashSet<(Guid, Guid)> targets)
    {
        var n = row.Number;
        foreach (var column in ImportColumns.All)
            if (row[column.Number] is { Kind: InCellKind.Formula })
                errors.Add(Error(n, column, Messages.Pick("Les formules ne sont pas acceptées : saisissez la valeur elle-même.",
                    "Formulas are not accepted: type the value itself.")));

        Guid? projectId = null;
        var projectCode = CodeOf(row[ImportColumns.ProjectCode.Number]);
        if (projectCode is null) Required(row, ImportColumns.ProjectCode, errors);
        else if (projects.TryGetValue(projectCode, out var id)) projectId = id;
        else errors.Add(Error(n, ImportColumns.ProjectCode, Messages.Pick(
            $"Projet inconnu ou hors de votre périmètre : « {Shorten(projectCode)} ».", $"Unknown project, or outside your scope: \"{Shorten(projectCode)}\".")));

        Indicator? indicator = null;
        var indicatorCode = CodeOf(row[ImportColumns.IndicatorCode.Number]);
        if (indicatorCode is null) Required(row, ImportColumns.IndicatorCode, errors);
        else if (!indicators.TryGetValue(indicatorCode, out indicator))
            errors.Add(Error(n, ImportColumns.IndicatorCode, Messages.Pick(
                $"Indicateur inconnu : « {Shorten(indicatorCode)} ».", $"Unknown indicator: \"{Shorten(indicatorCode)}\".")));
        else if (projectId is { } pid && !targets.Contains((pid, indicator.Id)))
            errors.Add(Error(n, ImportColumns.IndicatorCode, Messages.Pick(
                $"Le projet {projectCode} n'a pas de cible pour l'indicateur {indicator.Code} : ajoutez d'abord la cible.",
                $"Project {projectCode} has no target for indicator {indicator.Code}: add the target first.")));

        var start = ReadDate(row, ImportColumns.PeriodStart, errors);
        var end = ReadDate(row, ImportColumns.PeriodEnd, errors);
        if (start is not null && end is not null && end < start)
            errors.Add(Error(n, ImportColumns.PeriodEnd, Messages.Pick("La fin de période précède son début.", "The period ends before it starts.")));
        if (start is { } s && s > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            errors.Add(Error(n, ImportColumns.PeriodStart, Messages.Pick("La période n'a pas encore commencé.", "The period has not started yet.")));

        var wholeNumbers = indicator?.Unit is IndicatorUnit.Count or IndicatorUnit.People;
        var value = ReadNumber(row, ImportColumns.Value, errors, required: true, wholeNumbers);
        var parts = new List<MeasurementPart>();
        foreach (var column in ImportColumns.Parts)
        {
            var part = ReadNumber(row, column, errors, required: false, wholeNumbers);
            if (part is null) continue;
            var allowed = column.Sex is not null ? Disaggregation.Sex : Disaggregation.AgeGroup;
            if (indicator is not null && !indicator.AllowedDisaggregation.HasFlag(allowed))
            {
                errors.Add(Error(n, column, allowed == Disaggregation.Sex
                    ? Messages.Pick($"L'indicateur {indicator.Code} ne se ventile pas par sexe : laissez cette cellule vide.", $"Indicator {indicator.Code} is not disaggregated by sex: leave this cell empty.")
                    : Messages.Pick($"L'indicateur {indicator.Code} ne se ventile pas par tranche d'âge : laissez cette cellule vide.", $"Indicator {indicator.Code} is not disaggregated by age group: leave this cell empty.")));
                continue;
            }
            parts.Add(new MeasurementPart(column.Sex, column.AgeGroup, part.Value));
        }
        if (value is { } total)
        {
            PartsWithinTotal(row, ImportColumns.SexParts, parts.Where(p => p.Sex is not null), total, errors,
                Messages.Pick("Femmes + hommes", "Women + men"));
            PartsWithinTotal(row, ImportColumns.AgeParts, parts.Where(p => p.AgeGroup is not null), total, errors,
                Messages.Pick("La somme des tranches d'âge", "The age groups"));
        }

        var evidence = ReadText(row[ImportColumns.Evidence.Number]);
        if (evidence is { Length: > 2000 })
            errors.Add(Error(n, ImportColumns.Evidence, Messages.Pick("Le justificatif dépasse 2 000 caractères.", "The evidence is longer than 2,000 characters.")));

        return projectId is { } project && indicator is not null && start is { } from && end is { } to && value is { } v
            ? new Candidate(n, project, indicator, from, to, v, parts, evidence)
            : null;
    }

    private static void PartsWithinTotal(InRow row, IReadOnlyList<ImportColumn> columns, IEnumerable<MeasurementPart> parts, double total,
        List<ImportCellError> errors, string what)
    {
        var sum = parts.Sum(p => p.Value);
        if (sum <= total) return;
        // Reported on the dimension's first filled cell: that is where the reader starts adding up.
        var first = columns.First(c => !IsBlank(row[c.Number]));
        var culture = FieldNames.IsEnglish ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("fr-FR");
        errors.Add(Error(row.Number, first, Messages.Pick(
            $"{what} ({sum.ToString("N0", culture)}) dépassent la valeur totale ({total.ToString("N0", culture)}).",
            $"{what} ({sum.ToString("N0", culture)}) add up to more than the total value ({total.ToString("N0", culture)}).")));
    }

    private static IEnumerable<ImportCellError> DuplicatesInFile(List<Candidate> candidates)
    {
        foreach (var group in candidates.GroupBy(c => (c.ProjectId, c.Indicator.Id)))
        {
            var earlier = new List<Candidate>();
            foreach (var c in group.OrderBy(c => c.Row))
            {
                if (earlier.FirstOrDefault(e => e.Start <= c.End && c.Start <= e.End) is { } other)
                    yield return Error(c.Row, ImportColumns.PeriodStart, other.Start == c.Start && other.End == c.End
                        ? Messages.Pick($"Doublon : la ligne {other.Row} déclare déjà ce projet, cet indicateur et cette période.",
                            $"Duplicate: row {other.Row} already reports this project, indicator and period.")
                        : Messages.Pick($"Cette période chevauche celle de la ligne {other.Row} pour le même projet et le même indicateur.",
                            $"This period overlaps row {other.Row}'s for the same project and indicator."));
                earlier.Add(c);
            }
        }
    }

    private async Task<IEnumerable<ImportCellError>> AlreadyRecordedAsync(List<Candidate> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0) return [];
        var projectIds = candidates.Select(c => c.ProjectId).Distinct().ToList();
        var existing = await db.IndicatorMeasurements.AsNoTracking()
            .Where(m => m.IsCurrent && projectIds.Contains(m.ProjectId))
            .Select(m => new { m.ProjectId, m.IndicatorId, m.PeriodStart, m.PeriodEnd, m.Status })
            .ToListAsync(ct);
        var errors = new List<ImportCellError>();
        foreach (var c in candidates)
        {
            var clash = existing.FirstOrDefault(m => m.ProjectId == c.ProjectId && m.IndicatorId == c.Indicator.Id && m.PeriodStart <= c.End && c.Start <= m.PeriodEnd);
            if (clash is null) continue;
            var period = $"{clash.PeriodStart:yyyy-MM-dd} – {clash.PeriodEnd:yyyy-MM-dd}";
            errors.Add(Error(c.Row, ImportColumns.PeriodStart, clash.Status is MeasurementStatus.Draft or MeasurementStatus.Returned
                ? Messages.Pick($"Une mesure en cours de saisie ({StatusName(clash.Status)}) couvre déjà la période {period} : complétez-la sur la page des mesures du projet.",
                    $"A measurement being prepared ({StatusName(clash.Status)}) already covers the period {period}: complete it on the project's measurements page.")
                : Messages.Pick($"Une mesure {StatusName(clash.Status)} couvre déjà la période {period} : corrigez-la sur la page des mesures du projet.",
                    $"A {StatusName(clash.Status)} measurement already covers the period {period}: correct it on the project's measurements page.")));
        }
        return errors;
    }

    private static string StatusName(MeasurementStatus status) => status switch
    {
        MeasurementStatus.Draft => Messages.Pick("brouillon", "draft"),
        MeasurementStatus.Submitted => Messages.Pick("soumise", "submitted"),
        MeasurementStatus.Approved => Messages.Pick("approuvée", "approved"),
        MeasurementStatus.Returned => Messages.Pick("renvoyée", "returned"),
        _ => status.ToString(),
    };

    private static bool IsBlank(InCell? cell) => cell is null || (cell.Kind == InCellKind.Text && string.IsNullOrWhiteSpace(cell.Text));

    private static string? CodeOf(InCell? cell) =>
        cell is null or { Kind: InCellKind.Formula } || string.IsNullOrWhiteSpace(cell.Text) ? null : cell.Text.Trim().ToUpperInvariant();

    private static string? ReadText(InCell? cell) =>
        cell is null or { Kind: InCellKind.Formula } || string.IsNullOrWhiteSpace(cell.Text) ? null : cell.Text.Trim();

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static void Required(InRow row, ImportColumn column, List<ImportCellError> errors)
    {
        // A formula cell was already reported; saying it is also empty would be noise.
        if (row[column.Number] is { Kind: InCellKind.Formula }) return;
        errors.Add(Error(row.Number, column, Messages.Pick("Cette cellule doit être remplie.", "This cell must be filled in.")));
    }

    private static DateOnly? ReadDate(InRow row, ImportColumn column, List<ImportCellError> errors)
    {
        var cell = row[column.Number];
        if (IsBlank(cell) || cell!.Kind == InCellKind.Formula)
        {
            Required(row, column, errors);
            return null;
        }
        DateOnly? date = null;
        if (cell.Kind == InCellKind.Text
            && DateOnly.TryParseExact(cell.Text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            date = parsed;
        // A date retyped in Excel is stored as a serial day number; accepted when it is a whole day.
        else if (cell is { Kind: InCellKind.Number, Number: { } serial } && serial % 1 == 0 && serial is > 32_874 and < 73_051)
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
        if (date is null)
        {
            errors.Add(Error(row.Number, column, Messages.Pick(
                $"Date invalide (« {Shorten(cell.Text)} ») : écrivez-la AAAA-MM-JJ.", $"Invalid date (\"{Shorten(cell.Text)}\"): write it YYYY-MM-DD.")));
            return null;
        }
        if (date.Value.Year is < 1990 or > 2100)
        {
            errors.Add(Error(row.Number, column, Messages.Pick("Date hors des années 1990 à 2100.", "Date outside the years 1990 to 2100.")));
            return null;
        }
        return date;
    }

    private static double? ReadNumber(InRow row, ImportColumn column, List<ImportCellError> errors, bool required, bool wholeNumber)
    {
        var cell = row[column.Number];
        if (cell is { Kind: InCellKind.Formula }) return null;
        if (IsBlank(cell))
        {
            if (required) Required(row, column, errors);
            return null;
        }
        if (cell!.Kind != InCellKind.Number || cell.Number is not { } number || !double.IsFinite(number))
        {
            // Text is refused even when it looks like a number: "1,200" is 1.2 in French and 1200 in English.
            errors.Add(Error(row.Number, column, Messages.Pick(
                $"Un nombre est attendu, pas du texte (« {Shorten(cell.Text)} »).", $"A number is expected, not text (\"{Shorten(cell.Text)}\").")));
            return null;
        }
        if (number < 0)
        {
            errors.Add(Error(row.Number, column, Messages.Pick("La valeur ne peut pas être négative.", "The value cannot be negative.")));
            return null;
        }
        if (number > MeasurementImportLimits.MaxValue)
        {
            errors.Add(Error(row.Number, column, Messages.Pick("Valeur trop grande.", "The value is too large.")));
            return null;
        }
        if (wholeNumber && number % 1 != 0)
        {
            errors.Add(Error(row.Number, column, Messages.Pick("Cet indicateur compte des unités entières : saisissez un nombre entier.",
                "This indicator counts whole units: enter a whole number.")));
            return null;
        }
        return number;
    }
}
