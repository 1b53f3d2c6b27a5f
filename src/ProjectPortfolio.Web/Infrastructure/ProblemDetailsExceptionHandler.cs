using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Exceptions;
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
