using MediatR;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Applications;
using ProjectPortfolio.Application.BureauSessions;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Measurements;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Partners;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Application.Reports.Archive;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>The one table from exceptions to HTTP answers for the API. Anything not in it is a bug: a 500
/// whose details stay in the log.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var details = Map(exception);
        if (details is null) return false;
        if (exception is ConflictException conflict) await DescribeCurrentAsync(context, conflict, details, cancellationToken);
        context.Response.StatusCode = details.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    public static ProblemDetails? Map(Exception exception) => exception switch
    {
        ValidationException v => new ValidationProblemDetails(v.Errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        },
        DomainException d when DomainErrors.IsConflict(d) => WithCode(Problem(StatusCodes.Status409Conflict, "The request conflicts with the record's state.", d.Message, "https://tools.ietf.org/html/rfc9110#section-15.5.10"), d),
        DomainException d => WithCode(new ValidationProblemDetails(new Dictionary<string, string[]> { [DomainErrors.Field(d)] = [d.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        }, d),
        NotFoundException n => Problem(StatusCodes.Status404NotFound, "The resource was not found.", n.Message, "https://tools.ietf.org/html/rfc9110#section-15.5.5"),
        ForbiddenAccessException => Problem(StatusCodes.Status403Forbidden, "Forbidden.", "Your role does not allow this.", "https://tools.ietf.org/html/rfc9110#section-15.5.4"),
        UnauthorizedAccessException => Problem(StatusCodes.Status401Unauthorized, "Unauthorized.", "Sign in first.", "https://tools.ietf.org/html/rfc9110#section-15.5.2"),
        ConflictException c => Problem(StatusCodes.Status409Conflict, "The record was changed by someone else.", c.Message, "https://tools.ietf.org/html/rfc9110#section-15.5.10"),
        DuplicateKeyException => Problem(StatusCodes.Status409Conflict, "The record was changed by someone else.",
            "A record with the same key was saved meanwhile; nothing was saved. Reload and try again.", "https://tools.ietf.org/html/rfc9110#section-15.5.10"),
        DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "The record was changed by someone else.",
            "Reload it and apply your change again.", "https://tools.ietf.org/html/rfc9110#section-15.5.10"),
        // Logged as an error by the exception middleware: a file the database lists has gone from the disk.
        StoredFileMissingException => Problem(StatusCodes.Status404NotFound, "The resource was not found.",
            "The file of this attachment is missing; an administrator has been told.", "https://tools.ietf.org/html/rfc9110#section-15.5.5"),
        FileTooLargeException f => Problem(StatusCodes.Status413PayloadTooLarge, "The file is too large.", f.Message, "https://tools.ietf.org/html/rfc9110#section-15.5.14"),
        // Not the caller's fault and not a bug: the archive's file was changed on disk. Said plainly (the handler has logged it).
        IssuedReportTamperedException t => Problem(StatusCodes.Status500InternalServerError, "The stored report failed its integrity check.", t.Message,
            "https://tools.ietf.org/html/rfc9110#section-15.6.1"),
        BadHttpRequestException b => Problem(b.StatusCode, "The request could not be read.", b.Message, "https://tools.ietf.org/html/rfc9110#section-15.5.1"),
        _ => null,
    };

    /// <summary>Where a conflicting aggregate is read over the API, and how to read it here.</summary>
    private static readonly Dictionary<string, (string Path, Func<IMediator, Guid, CancellationToken, Task<object>> Read)> Readers = new()
    {
        ["Project"] = ("/api/projects/", async (m, id, ct) => await m.Send(new GetProjectDetailQuery(id), ct)),
        ["GrantApplication"] = ("/api/applications/", async (m, id, ct) => await m.Send(new GetApplicationDetailQuery(id), ct)),
        ["BureauSession"] = ("/api/bureau-sessions/", async (m, id, ct) => await m.Send(new GetSessionDetailQuery(id), ct)),
        ["IndicatorMeasurement"] = ("/api/measurements/", async (m, id, ct) => await m.Send(new GetMeasurementQuery(id), ct)),
        ["Member"] = ("/api/members/", async (m, id, ct) => await m.Send(new GetMemberQuery(id), ct)),
        ["Partner"] = ("/api/partners/", async (m, id, ct) => await m.Send(new GetPartnerQuery(id), ct)),
    };

    /// <summary>A 409 for a stale version says what is stored now: the record's version (send it back to overwrite on
    /// purpose), where to read it, and its current values as the GET answers them. Best effort: if the record cannot be
    /// read (deleted meanwhile, out of the caller's scope), the values are left out, never the 409.</summary>
    private static async Task DescribeCurrentAsync(HttpContext context, ConflictException conflict, ProblemDetails details, CancellationToken ct)
    {
        if (conflict.Resource is not { } resource || conflict.ResourceId is not { } id) return;
        details.Extensions["resource"] = resource;
        details.Extensions["id"] = id;
        details.Extensions["currentVersion"] = conflict.CurrentVersion;
        if (!Readers.TryGetValue(resource, out var reader)) return;
        details.Extensions["current"] = reader.Path + id;
        try
        {
            // The failed save's changes are still tracked by this request's context: forget them, read what is stored.
            context.RequestServices.GetRequiredService<IApplicationDbContext>().DiscardChanges();
            details.Extensions["currentValues"] = await reader.Read(context.RequestServices.GetRequiredService<IMediator>(), id, ct);
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenAccessException or UnauthorizedAccessException)
        {
            // Not readable by this caller any more: the version and the link say enough.
        }
    }

    /// <summary>The rule's stable code ("Tranche.conditions-unmet"), for clients that show their own message.</summary>
    private static ProblemDetails WithCode(ProblemDetails details, DomainException exception)
    {
        details.Extensions["code"] = exception.Code;
        return details;
    }

    private static ProblemDetails Problem(int status, string title, string detail, string type) =>
        new() { Status = status, Title = title, Detail = detail, Type = type };
}

/// <summary>How a domain rule's code reads: "Field.reason". Reasons about the record's state (a transition,
/// a closed session, a duplicate) are conflicts (409); the others are bad input on a field (400).</summary>
public static class DomainErrors
{
    private static readonly string[] ConflictReasons =
        ["transition", "closed", "duplicate", "not-editable", "already-paid", "four-eyes", "exists", "not-draft", "not-submitted", "not-planned", "not-correctable", "exceeded", "not-on-agenda", "duplicate-partner", "project-exists", "not-approved", "session-open", "no-change",
         "conditions-unmet", "already-met", "automatic", "releases-tranche", "has-measurements"];

    public static bool IsConflict(DomainException exception)
    {
        var reason = exception.Code.Contains('.', StringComparison.Ordinal) ? exception.Code[(exception.Code.IndexOf('.', StringComparison.Ordinal) + 1)..] : exception.Code;
        return ConflictReasons.Contains(reason);
    }

    public static string Field(DomainException exception) =>
        exception.Code.Contains('.', StringComparison.Ordinal) ? exception.Code[..exception.Code.IndexOf('.', StringComparison.Ordinal)] : string.Empty;
}
