using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Thousands of generated malformed requests to every API operation of the OpenAPI document: wrong types,
/// out-of-range numbers, 10,000-character strings, control characters, null bytes, emoji and right-to-left text,
/// inverted dates, unknown and foreign ids, extra fields, broken JSON. None may answer 5xx, and none that is
/// refused may change the database (checked with SQLite's data_version, which moves on any commit).</summary>
[NonParallelizable]
public class FuzzTests
{
    private const int Requests = 5_000;
    private const int Seed = 20261201;

    private static readonly string[] HostileStrings =
    [
        "", " ", new string('x', 10_000), "<script>alert(1)</script>", "=HYPERLINK(\"http://evil\",\"x\")", "../../etc/passwd",
        "..\\..\\windows\\win.ini", "nul\u0000byte", "\u0001\u0002\u001f control", "مرحبا بالعالم \u202Eevil", "🌍🚰💧👩🏽‍⚕️", "' OR 1=1 --",
        "%00", "NaN", "-1", "1e309", "9999-99-99", "2024-02-30", "0001-01-01", "null", "true", "{}", "\uFFFF\uD800",
    ];

    private static readonly JsonNode?[] HostileValues =
    [
        null, JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(long.MaxValue), JsonValue.Create(long.MinValue),
        JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(0.000001), JsonValue.Create(int.MaxValue),
        JsonValue.Create(true), new JsonArray(), new JsonArray(1, "a", null), new JsonObject { ["unexpected"] = 1 },
        JsonValue.Create("2030-01-01"), JsonValue.Create("1900-01-01"), JsonValue.Create(Guid.NewGuid().ToString()),
        JsonValue.Create("00000000-0000-0000-0000-000000000000"),
    ];

    private static readonly string[] RawBodies = ["{", "[", "null", "\"text\"", "42", "{\"a\":", new string('[', 5_000), "{\"x\":\"\u0000\"}", "<xml/>", ""];

    private sealed record Operation(string Method, string Path, IReadOnlyList<(string Name, string In, JsonNode? Schema)> Parameters, JsonNode? Body);

    [Test]
    public async Task Five_thousand_malformed_requests_get_no_5xx_and_refused_ones_change_nothing()
    {
        // "Changes nothing" is watched through SQLite triggers; the 5xx half runs on SQLite in every CI run.
        ProjectPortfolio.Testing.TestDatabases.RequireSqlite("watches the database through SQLite triggers.");
        await using var factory = new PortfolioFactory();
        try
        {
            var clients = new[] { await factory.ApiClientAsync("officer@portfolio.local"), await factory.ApiClientAsync("admin@portfolio.local") };
            var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
            var operations = Operations(document).Where(o => o.Path != "/api/auth/login").ToList();
            Assert.That(operations.Count, Is.GreaterThan(20), "the OpenAPI document lists the API's operations");
            var ids = await KnownIdsAsync(clients[0], operations);

            await using var watcher = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
            await watcher.OpenAsync();
            await WatchChangesAsync(watcher);
            var random = new Random(Seed);
            var failures = new List<string>();
            var statuses = new Dictionary<int, int>();
            for (var i = 0; i < Requests; i++)
            {
                var operation = operations[i % operations.Count];
                using var request = Build(operation, random, ids);
                var before = await ChangeCountAsync(watcher);
                HttpResponseMessage response;
                try
                {
                    response = await clients[i % 2].SendAsync(request);
                }
                catch (InvalidOperationException ex) when (ex.Message.Contains("null characters", StringComparison.Ordinal))
                {
                    // The in-memory test server refuses a path with %00 before the application sees it; Kestrel
                    // answers 400 to the same request.
                    statuses[400] = statuses.GetValueOrDefault(400) + 1;
                    continue;
                }
                using var _ = response;
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500)
                    failures.Add($"{status} {request.Method} {request.RequestUri} {Describe(request)}");
                else if (status >= 400 && await ChangeCountAsync(watcher) != before)
                    failures.Add($"refused with {status} but the database changed: {request.Method} {request.RequestUri} {Describe(request)}");
            }
            TestContext.Out.WriteLine($"{Requests} requests over {operations.Count} operations: " +
                string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
            Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Distinct().Take(15)));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    [Test]
    public async Task A_null_item_in_a_list_is_a_400_naming_the_item()
    {
        await using var factory = new PortfolioFactory();
        try
        {
            var officer = await factory.ApiClientAsync("officer@portfolio.local");
            var response = await officer.PostAsync("/api/applications",
                new StringContent("{\"title\":\"Demande\",\"coFinancing\":[null],\"expectedResults\":[null, null]}", Encoding.UTF8, "application/json"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key.ToLowerInvariant()).ToList();
            Assert.That(errors, Is.SupersetOf(new[] { "cofinancing[0]", "expectedresults[1]" }));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    /// <summary>Counts every row written to the application's tables, except the audit trail: a refused request is
    /// itself recorded there (AccessDenied for a 403), which is the one write a refusal must make.</summary>
    private static async Task WatchChangesAsync(SqliteConnection connection)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'AuditEntries'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.That(tables, Does.Contain("Projects"));
        var script = new StringBuilder("CREATE TABLE FuzzChanges (Count INTEGER NOT NULL); INSERT INTO FuzzChanges VALUES (0);");
        foreach (var table in tables)
        foreach (var operation in new[] { "INSERT", "UPDATE", "DELETE" })
            script.Append($"CREATE TRIGGER \"Fuzz_{table}_{operation}\" AFTER {operation} ON \"{table}\" BEGIN UPDATE FuzzChanges SET Count = Count + 1; END;");
        await using var command = connection.CreateCommand();
        command.CommandText = script.ToString();
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ChangeCountAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Count FROM FuzzChanges;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        var schemas = document["components"]?["schemas"];
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            if (method is "parameters" or "summary" or "description") continue;
            var parameters = (op!["parameters"]?.AsArray() ?? [])
                .Select(p => ((string)p!["name"]!, (string)p["in"]!, Resolve(p["schema"], schemas))).ToList();
            var body = op["requestBody"]?["content"]?["application/json"]?["schema"];
            yield return new Operation(method.ToUpperInvariant(), path, parameters, body is null ? null : Resolve(body, schemas));
        }
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonNode? schemas)
    {
        for (var depth = 0; depth < 10 && schema?["$ref"] is { } reference; depth++)
            schema = schemas?[((string)reference!).Split('/')[^1]];
        return schema;
    }

    /// <summary>Ids that exist (projects, members, applications, sessions...), to be sent to routes of another kind
    /// and to children of another parent.</summary>
    private static async Task<List<string>> KnownIdsAsync(HttpClient client, IEnumerable<Operation> operations)
    {
        var ids = new HashSet<string>();
        foreach (var list in operations.Where(o => o.Method == "GET" && !o.Path.Contains('{') && !o.Path.Contains("report", StringComparison.Ordinal)))
        {
            var response = await client.GetAsync(list.Path);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json") continue;
            Collect(JsonNode.Parse(await response.Content.ReadAsStringAsync()), ids);
        }
        return ids.Take(200).ToList();
    }

    private static void Collect(JsonNode? node, HashSet<string> ids)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                    if (key.EndsWith("id", StringComparison.OrdinalIgnoreCase) && value is JsonValue v && v.TryGetValue<string>(out var s) && Guid.TryParse(s, out _)) ids.Add(s);
                    else Collect(value, ids);
                break;
            case JsonArray a:
                foreach (var item in a) Collect(item, ids);
                break;
        }
    }

    private static HttpRequestMessage Build(Operation operation, Random random, List<string> ids)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var (name, place, schema) in operation.Parameters)
        {
            var value = random.Next(4) switch
            {
                0 => ids.Count > 0 ? ids[random.Next(ids.Count)] : Guid.NewGuid().ToString(),
                1 => Guid.NewGuid().ToString(),
                2 => Plausible(schema, random, 0)?.ToString() ?? "",
                _ => HostileStrings[random.Next(HostileStrings.Length)],
            };
            if (place == "path") path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            else if (place == "query" && random.Next(3) > 0) query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
        }
        // Route constraints the document shows as {id:guid} are already replaced; anything left is a literal.
        var uri = query.Count == 0 ? path : path + "?" + string.Join('&', query);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), uri);
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            string text;
            if (random.Next(8) == 0) text = RawBodies[random.Next(RawBodies.Length)];
            else
            {
                var body = Plausible(operation.Body, random, 0) as JsonObject ?? new JsonObject();
                var keys = body.Select(p => p.Key).ToList();
                for (var mutations = 1 + random.Next(3); mutations > 0 && keys.Count > 0; mutations--)
                {
                    var key = keys[random.Next(keys.Count)];
                    body[key] = random.Next(2) == 0
                        ? JsonValue.Create(HostileStrings[random.Next(HostileStrings.Length)])
                        : HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
                }
                if (random.Next(4) == 0) body["status"] = "Approved";
                if (random.Next(4) == 0) body["extra" + random.Next(100)] = "mass-assignment";
                text = body.ToJsonString();
            }
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
            request.Options.Set(BodyText, text);
        }
        return request;
    }

    /// <summary>A value that looks right for the schema, so that mutations reach the validators rather than stop at parsing.</summary>
    private static JsonNode? Plausible(JsonNode? schema, Random random, int depth)
    {
        if (schema is null || depth > 4) return null;
        if (schema["enum"] is JsonArray values && values.Count > 0) return values[random.Next(values.Count)]?.DeepClone();
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            JsonValue single => (string?)single,
            _ => schema["properties"] is not null ? "object" : null,
        };
        var format = (string?)schema["format"];
        return type switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Plausible(p.Value, random, depth + 1)))),
            "array" => new JsonArray(Plausible(schema["items"], random, depth + 1)),
            "integer" => JsonValue.Create(random.Next(1, 100_000)),
            "number" => JsonValue.Create(random.Next(1, 1000) / 10.0),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "string" when format == "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
            "string" when format == "date" => JsonValue.Create(new DateOnly(2025, 1, 1).AddDays(random.Next(700)).ToString("yyyy-MM-dd")),
            "string" when format == "date-time" => JsonValue.Create(DateTime.UtcNow.ToString("O")),
            "string" => JsonValue.Create("Texte " + random.Next(1000)),
            _ => null,
        };
    }

    private static string Describe(HttpRequestMessage request) =>
        request.Options.TryGetValue(BodyText, out var text) ? Shorten(text) : "";

    private static readonly HttpRequestOptionsKey<string> BodyText = new("fuzz-body");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
