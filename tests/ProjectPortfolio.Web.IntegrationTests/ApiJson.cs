using System.Text.Json.Nodes;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>JSON helpers of the API tests that talk to more than one node (SeveralNodesTests, SeveralProcessesTests).</summary>
public static class ApiJson
{
    public static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The body of PUT /api/projects/{id} from the project sheet, with a new title.</summary>
    public static JsonObject EditOf(JsonNode sheet, string title)
    {
        var edit = sheet.DeepClone().AsObject();
        edit["theme"] = (string)sheet["themeCode"]!;
        edit["instrument"] = (string)sheet["instrumentCode"]!;
        edit["title"] = title;
        return edit;
    }
}
