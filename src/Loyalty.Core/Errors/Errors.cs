using System.Globalization;

namespace Loyalty;

/// <summary>Factory methods for the exceptions the engine throws, so messages stay consistent.</summary>
internal static class Errors
{
    public static LoyaltyException Validation(string field, string rule) =>
        new(ErrorCode.ValidationFailed, $"'{field}' {rule}", field);

    public static LoyaltyException MemberNotFound(MemberId id) =>
        new(ErrorCode.MemberNotFound, $"Member '{id}' was not found.", "memberId");

    public static LoyaltyException MemberAlreadyExists(MemberId id) =>
        new(ErrorCode.MemberAlreadyExists, $"Member '{id}' already exists.", "memberId");

    public static LoyaltyException Sensitive(string field, string what) =>
        new(ErrorCode.SensitiveData, $"'{field}' looks like {what}, which must never be stored in a loyalty profile.", field);

    public static LoyaltyException InvalidAmount(string field, string rule) =>
        new(ErrorCode.InvalidAmount, $"'{field}' {rule}", field);

    public static LoyaltyException InsufficientPoints(AccountName account, long requested, long spendable) =>
        new(ErrorCode.InsufficientPoints,
            string.Create(CultureInfo.InvariantCulture, $"Account '{account}' has {spendable} spendable points; {requested} were requested."),
            "points");

    public static LoyaltyException IdempotencyConflict(IdempotencyKey key) =>
        new(ErrorCode.IdempotencyConflict,
            $"Idempotency key '{key}' was already used for a different request.", "idempotencyKey");
}
