namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The registration name of a program added with <c>AddLoyalty</c> (empty) or <c>AddProgram</c>.</summary>
internal sealed record ProgramRegistration(string Name)
{
    public static void Add(IServiceCollection services, string name)
    {
        if (!services.Any(d => d.ImplementationInstance is ProgramRegistration existing && existing.Name == name))
        {
            services.AddSingleton(new ProgramRegistration(name));
        }
    }
}
