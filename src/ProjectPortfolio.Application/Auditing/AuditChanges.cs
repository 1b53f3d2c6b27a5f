using System.Text;
using System.Text.Json;

namespace ProjectPortfolio.Application.Auditing;

/// <summary>One changed property of an audit entry: its name and its values before and after, as text (null when
/// there was none: no old value on creation, no new one on deletion).</summary>
public sealed record AuditFieldChange(string Field, string? Old, string? New);

/// <summary>Reads the JSON an audit entry stores (<c>{"Title":{"old":…,"new":…}}</c>) into field changes. The values
/// are returned as plain text; whoever shows them encodes them (a page) or writes them as text (a workbook).</summary>
public static class AuditChanges
{
    public static IReadOnlyList<AuditFieldChange> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return [new AuditFieldChange("?", null, json)];
            var changes = new List<AuditFieldChange>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var values = property.Value;
                if (values.ValueKind != JsonValueKind.Object)
                {
                    changes.Add(new AuditFieldChange(property.Name, null, Text(values)));
                    continue;
                }
                changes.Add(new AuditFieldChange(property.Name,
                    values.TryGetProperty("old", out var old) ? Text(old) : null,
                    values.TryGetProperty("new", out var @new) ? Text(@new) : null));
            }
            return changes;
        }
        catch (JsonException)
        {
            // Entries are written by the interceptor and are valid JSON; should one not be, it is shown as it is
            // rather than hidden or failing the whole page.
            return [new AuditFieldChange("?", null, json)];
        }
    }

    /// <summary>"Title: old → new", one change per line, for a spreadsheet cell.</summary>
    public static string Describe(IReadOnlyList<AuditFieldChange> changes)
    {
        var text = new StringBuilder();
        foreach (var change in changes)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(change.Field).Append(": ").Append(change.Old ?? "—").Append(" → ").Append(change.New ?? "—");
        }
        return text.ToString();
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
