using MediatR;
using Microsoft.AspNetCore.Mvc;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Measurements.Import;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

public static class MeasurementImportEndpoints
{
    public static void MapMeasurementImport(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/measurements").WithTags("Measurement import");

        // The template workbook for a period (ISO dates), with optional filters; lang = fr | en (default: the request's culture).
        group.MapGet("/import-template.xlsx", async (IMediator mediator, string? periodStart, string? periodEnd, string? lang, string? country,
                string? programme, string? theme, CancellationToken ct) =>
            {
                var file = await mediator.Send(new GetMeasurementTemplateQuery(periodStart, periodEnd, lang, country, programme, theme), ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("GetMeasurementImportTemplate")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // The filled workbook, as multipart/form-data in a field named "file". The body is read by hand, as for
        // attachments: its size is checked before anything is buffered.
        group.MapPost("/import", async (IMediator mediator, HttpRequest request, CancellationToken ct) =>
            {
                if (request.ContentLength > MeasurementImportLimits.MaxBytes + UploadLimits.MultipartOverhead)
                    throw new FileTooLargeException(MeasurementImportLimits.MaxBytes);
                IFormFile? file = null;
                if (request.HasFormContentType)
                {
                    var form = await request.ReadFormAsync(ct);
                    file = form.Files["file"] ?? (form.Files.Count > 0 ? form.Files[0] : null);
                }
                if (file is null)
                    return Invalid(new MeasurementImportResult(0, 0, [new ImportCellError(null, null, null, Messages.Pick(
                        "Envoyez le classeur en multipart/form-data dans un champ nommé « file ».",
                        "Send the workbook as multipart/form-data in a field named \"file\"."))]));
                if (file.Length > MeasurementImportLimits.MaxBytes) throw new FileTooLargeException(MeasurementImportLimits.MaxBytes);
                await using var content = file.OpenReadStream();
                var result = await mediator.Send(new ImportMeasurementsCommand(file.FileName, content), ct);
                return result.Succeeded ? Results.Ok(new { imported = result.Imported, skipped = result.Skipped }) : Invalid(result);
            })
            .WithName("ImportMeasurements")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>400 with every error of the file as a list of {row, column, header, message}; nothing was imported.</summary>
    private static IResult Invalid(MeasurementImportResult result) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        Title = "The file is invalid; nothing was imported.",
        Detail = Messages.Pick($"{result.Errors.Count} erreur(s) : rien n'a été importé.", $"{result.Errors.Count} error(s): nothing was imported."),
        Extensions = { ["errors"] = result.Errors },
    });
}
