using Microsoft.EntityFrameworkCore;

namespace Loyalty.Benchmarks.Sqlite;

/// <summary>One row of the <c>balances</c> table, as a user would map it with Entity Framework Core.</summary>
public sealed class Balance
{
    public string ProgramId { get; set; } = string.Empty;

    public string MemberId { get; set; } = string.Empty;

    public string Account { get; set; } = string.Empty;

    public long Earned { get; set; }

    public long Pending { get; set; }

    public long Reserved { get; set; }

    public long Spent { get; set; }

    public long Expired { get; set; }

    public long Deducted { get; set; }
}

/// <summary>The straightforward EF Core model of balances over the table the SQLite store created (the "what a user would otherwise write" baseline).</summary>
public sealed class BalancesDbContext(DbContextOptions<BalancesDbContext> options) : DbContext(options)
{
    public DbSet<Balance> Balances => Set<Balance>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var balance = modelBuilder.Entity<Balance>();
        balance.ToTable("balances");
        balance.HasKey(b => new { b.ProgramId, b.MemberId, b.Account });
        balance.Property(b => b.ProgramId).HasColumnName("program_id");
        balance.Property(b => b.MemberId).HasColumnName("member_id");
        balance.Property(b => b.Account).HasColumnName("account");
        balance.Property(b => b.Earned).HasColumnName("earned");
        balance.Property(b => b.Pending).HasColumnName("pending");
        balance.Property(b => b.Reserved).HasColumnName("reserved");
        balance.Property(b => b.Spent).HasColumnName("spent");
        balance.Property(b => b.Expired).HasColumnName("expired");
        balance.Property(b => b.Deducted).HasColumnName("deducted");
    }
}
