namespace Loyalty.Storage;

/// <summary>The program-wide unique lookups that find a member by something other than their identifier.</summary>
public enum LookupKind
{
    /// <summary>The normalized (lower-cased) email address.</summary>
    Email = 1,

    /// <summary>The host's external reference.</summary>
    ExternalReference = 2,

    /// <summary>A named external identifier, as <c>name:value</c>.</summary>
    ExternalId = 3,
}
