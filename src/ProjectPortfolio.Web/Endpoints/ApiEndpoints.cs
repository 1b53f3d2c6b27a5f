namespace ProjectPortfolio.Web.Endpoints;

public static class ApiEndpoints
{
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapAuth();
        api.MapMembers();
        api.MapPartners();
        api.MapCatalogue();
        api.MapProjects();
        api.MapProjectExecution();
        api.MapFundingCycle();
        api.MapAttachments();
        api.MapMeasurements();
        api.MapPortfolio();
        api.MapReports();
        api.MapIati();
        api.MapIssuedReports();
        api.MapPortfolioWorkbook();
        api.MapMeasurementImport();
        api.MapUsers();
        api.MapAudit();
    }
}
