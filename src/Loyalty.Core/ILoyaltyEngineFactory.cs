namespace Loyalty;

/// <summary>Resolves the engine of a registered program.</summary>
public interface ILoyaltyEngineFactory
{
    /// <summary>Gets the engine of a program registered with <c>AddLoyalty</c> (no name) or <c>AddProgram(name, …)</c>.</summary>
    /// <param name="name">The registration name; <see langword="null"/> or empty for the default program.</param>
    /// <returns>The engine (one instance per program).</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The program's options are invalid.</exception>
    ILoyaltyEngine GetEngine(string? name = null);
}
