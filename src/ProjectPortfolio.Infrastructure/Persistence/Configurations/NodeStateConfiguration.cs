using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectPortfolio.Infrastructure.Identity;

namespace ProjectPortfolio.Infrastructure.Persistence.Configurations;

/// <summary>State that every node must see the same (docs/adr/0016): the sign-in counters.</summary>
public class SignInCounterConfiguration : IEntityTypeConfiguration<SignInCounter>
{
    public void Configure(EntityTypeBuilder<SignInCounter> builder)
    {
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(SignInCounter.KeyMaxLength);
        // The clean-up deletes by window start.
        builder.HasIndex(c => c.WindowStartUtc);
    }
}

/// <summary>The data-protection key ring (docs/adr/0016): the package's entity as it comes (an int identity, the
/// friendly name and the key's XML), configured here only so that the model says so explicitly.</summary>
public class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.HasKey(k => k.Id);
    }
}
