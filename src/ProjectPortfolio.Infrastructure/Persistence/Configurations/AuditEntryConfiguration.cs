using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectPortfolio.Domain.Auditing;

namespace ProjectPortfolio.Infrastructure.Persistence.Configurations;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(AuditEntry.UserMaxLength);
        builder.Property(a => a.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength);
        builder.Property(a => a.EntityId).HasMaxLength(AuditEntry.EntityIdMaxLength);
        // The searches: a record's history (by aggregate or entity, latest first) and the administrators' log by time.
        builder.HasIndex(a => new { a.AggregateId, a.AtUtc });
        builder.HasIndex(a => new { a.EntityId, a.AtUtc });
        builder.HasIndex(a => a.AtUtc);
    }
}
