using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Routes that name a parent and a child (a milestone, tranche, condition or co-financing line of a
/// project): a child of one project named under another is not found, and neither project changes. The check a
/// route must not skip is that the child belongs to the parent it is reached through.</summary>
public class ChildRouteTests
{
    [Test]
    public async Task A_child_of_one_project_named_under_another_is_not_found_and_changes_nothing()
    {
        await using var factory = new PortfolioFactory();
        try
        {
            var officer = await factory.ApiClientAsync("officer@portfolio.local");
            var list = (await officer.GetFromJsonAsync<JsonNode>("/api/projects/?pageSize=100"))!["items"]!.AsArray();
            // The sample has no release condition: one is added, through the API, to the first project that takes it
            // (a closed project or one whose grant is all planned refuses a tranche).
            var refusals = new List<string>();
            foreach (var item in list)
            {
                var version = (int)(await officer.GetFromJsonAsync<JsonNode>($"/api/projects/{item!["id"]}"))!["version"]!;
                var added = await officer.PostAsJsonAsync($"/api/projects/{item["id"]}/tranches", new
                {
                    version, plannedDate = "2027-04-01", amount = 1,
                    conditions = new object[] { new { kind = "ReportApproved", text = "Rapport d'étape approuvé" } },
                });
                if (added.IsSuccessStatusCode) break;
                refusals.Add(await added.Content.ReadAsStringAsync());
            }
            Assert.That(refusals, Has.Count.LessThan(list.Count), string.Join(Environment.NewLine, refusals.Take(3)));
            var details = new List<JsonNode>();
            foreach (var item in list) details.Add((await officer.GetFromJsonAsync<JsonNode>($"/api/projects/{item!["id"]}"))!);

            static IEnumerable<JsonNode> Children(JsonNode project, string name) => project[name]!.AsArray().Select(n => n!);
            JsonNode Holding(Func<JsonNode, bool> has) => details.First(has);
            JsonNode ParentOtherThan(JsonNode owner) => details.First(p => (string)p["id"]! != (string)owner["id"]!);

            var withMilestone = Holding(p => Children(p, "milestones").Any());
            var withCondition = Holding(p => Children(p, "tranches").Any(t => Children(t, "conditions").Any()));
            var withLine = Holding(p => Children(p, "coFinancing").Any());
            var milestone = (string)Children(withMilestone, "milestones").First()["id"]!;
            var tranche = Children(withCondition, "tranches").First(t => Children(t, "conditions").Any());
            var condition = (string)Children(tranche, "conditions").First()["id"]!;
            var line = (string)Children(withLine, "coFinancing").First()["id"]!;

            (string Url, object Body) Under(JsonNode owner, string rest, Func<int, object> body)
            {
                var parent = ParentOtherThan(owner);
                return ($"/api/projects/{parent["id"]}/{rest}", body((int)parent["version"]!));
            }

            var attempts = new (string Url, object Body)[]
            {
                Under(withMilestone, $"milestones/{milestone}/complete", v => new { version = v, actualDate = "2025-01-15" }),
                Under(withMilestone, $"milestones/{milestone}/cancel", v => new { version = v }),
                Under(withCondition, $"tranches/{tranche["id"]}/conditions/{condition}/met", v => new { version = v, note = "mauvais parent" }),
                Under(withCondition, $"tranches/{tranche["id"]}/pay", v => new { version = v, paidDate = "2025-01-15", amount = 1m }),
                Under(withLine, $"co-financing/{line}/received", v => new { version = v, amount = 1m, receivedOn = "2025-01-15" }),
                // The right parent, a child of the wrong kind: a milestone id given as a tranche.
                ($"/api/projects/{withMilestone["id"]}/tranches/{milestone}/pay", new { version = (int)withMilestone["version"]!, paidDate = "2025-01-15", amount = 1m }),
            };
            var failures = new List<string>();
            foreach (var (url, body) in attempts)
            {
                var response = url.EndsWith("/received", StringComparison.Ordinal) ? await officer.PutAsJsonAsync(url, body) : await officer.PostAsJsonAsync(url, body);
                if (response.StatusCode != HttpStatusCode.NotFound) failures.Add($"{url}: {(int)response.StatusCode}");
            }
            Assert.That(failures, Is.Empty, "every child named under the wrong parent is 404");

            foreach (var before in details)
            {
                var after = (await officer.GetFromJsonAsync<JsonNode>($"/api/projects/{before["id"]}"))!;
                Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()), $"project {before["code"]} unchanged");
            }
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }
}
