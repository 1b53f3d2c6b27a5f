using MediatR;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Domain.Documents;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

public static class AttachmentEndpoints
{
    public static void MapAttachments(this RouteGroupBuilder api)
    {
        foreach (var (segment, owner) in new[] { ("applications", AttachmentOwner.Application), ("projects", AttachmentOwner.Project) })
        {
            var group = api.MapGroup($"/{segment}/{{id:guid}}/attachments").WithTags("Attachments");
            group.MapGet("/", (IMediator mediator, Guid id, CancellationToken ct) => mediator.Send(new GetAttachmentsQuery(owner, id), ct));
            // The multipart body is read by hand rather than bound to IFormFile: the API is called with bearer tokens
            // (no ambient credentials to forge), and the size is checked before anything is buffered.
            group.MapPost("/", (IMediator mediator, Guid id, HttpRequest request, IOptions<AttachmentOptions> options, CancellationToken ct) =>
                UploadAsync(mediator, owner, id, request, options.Value, ct));
        }

        api.MapGet("/attachments/{id:guid}", async (IMediator mediator, Guid id, HttpResponse response, CancellationToken ct) =>
        {
            var file = await mediator.Send(new GetAttachmentFileQuery(id), ct);
            response.Headers.XContentTypeOptions = "nosniff";
            // Always a download, never rendered inline by the browser.
            return Results.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: false);
        }).WithTags("Attachments");
    }

    private static async Task<IResult> UploadAsync(IMediator mediator, AttachmentOwner owner, Guid id, HttpRequest request, AttachmentOptions options, CancellationToken ct)
    {
        if (request.ContentLength > options.MaxBytes + UploadLimits.MultipartOverhead) throw new FileTooLargeException(options.MaxBytes);
        if (!request.HasFormContentType)
            throw new ValidationException("File", "Send the file as multipart/form-data in a field named \"file\".");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files["file"] ?? (form.Files.Count > 0 ? form.Files[0] : null)
            ?? throw new ValidationException("File", "Send the file as multipart/form-data in a field named \"file\".");
        if (file.Length > options.MaxBytes) throw new FileTooLargeException(options.MaxBytes);
        await using var content = file.OpenReadStream();
        var row = await mediator.Send(new UploadAttachmentCommand(owner, id, file.FileName, content), ct);
        return Results.Created($"/api/attachments/{row.Id}", row);
    }
}
