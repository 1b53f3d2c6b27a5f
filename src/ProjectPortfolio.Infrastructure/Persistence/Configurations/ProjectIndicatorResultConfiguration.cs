using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Infrastructure.Persistence.Configurations;

/// <summary>The precomputed results per project and indicator (docs/adr/0017), maintained by
/// <see cref="IndicatorResultsMaintenance"/>. Deleting a project or an indicator deletes its rows.</summary>
public class ProjectIndicatorResultConfiguration : IEntityTypeConfiguration<ProjectIndicatorResult>
{
    public void Configure(EntityTypeBuilder<ProjectIndicatorResult> builder)
    {
        builder.HasKey(r => new { r.ProjectId, r.IndicatorId });
        builder.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
