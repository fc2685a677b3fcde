#include "simulator/core/error_names.h"

namespace wasim {

std::string_view ErrorCodeName(ErrorCode code) {
  using E = ErrorCode;
  // No default: -Wswitch flags an enumerator missing here.
  switch (code) {
    case E::kAuthException: return "kAuthException";
    case E::kApiUnknown: return "kApiUnknown";
    case E::kApiService: return "kApiService";
    case E::kApiMethod: return "kApiMethod";
    case E::kApiTooManyCalls: return "kApiTooManyCalls";
    case E::kPermissionDenied: return "kPermissionDenied";
    case E::kPhoneNumberDeleted: return "kPhoneNumberDeleted";
    case E::kInvalidParameter: return "kInvalidParameter";
    case E::kAccessTokenRequired: return "kAccessTokenRequired";
    case E::kAccessTokenInvalid: return "kAccessTokenInvalid";
    case E::kApiPermission: return "kApiPermission";
    case E::kPolicyBlocked: return "kPolicyBlocked";
    case E::kUnknownPathComponents: return "kUnknownPathComponents";
    case E::kWabaRateLimit: return "kWabaRateLimit";
    case E::kThroughputRateLimit: return "kThroughputRateLimit";
    case E::kMarketingExperiment: return "kMarketingExperiment";
    case E::kCountryRestricted: return "kCountryRestricted";
    case E::kSomethingWentWrong: return "kSomethingWentWrong";
    case E::kAccessDenied: return "kAccessDenied";
    case E::kRequiredParameterMissing: return "kRequiredParameterMissing";
    case E::kParameterValueInvalid: return "kParameterValueInvalid";
    case E::kServiceUnavailable: return "kServiceUnavailable";
    case E::kRecipientIsSender: return "kRecipientIsSender";
    case E::kMessageUndeliverable: return "kMessageUndeliverable";
    case E::kRecipientNotAllowed: return "kRecipientNotAllowed";
    case E::kAccountLocked: return "kAccountLocked";
    case E::kDisplayNameApprovalNeeded: return "kDisplayNameApprovalNeeded";
    case E::kPaymentIssue: return "kPaymentIssue";
    case E::kIncorrectCertificate: return "kIncorrectCertificate";
    case E::kReengagementMessage: return "kReengagementMessage";
    case E::kSpamRateLimit: return "kSpamRateLimit";
    case E::kEcosystemEngagement: return "kEcosystemEngagement";
    case E::kMarketingOptOut: return "kMarketingOptOut";
    case E::kUnsupportedMessageType: return "kUnsupportedMessageType";
    case E::kMediaDownloadError: return "kMediaDownloadError";
    case E::kMediaUploadError: return "kMediaUploadError";
    case E::kMethodNotAllowed: return "kMethodNotAllowed";
    case E::kPairRateLimit: return "kPairRateLimit";
    case E::kMaintenanceMode: return "kMaintenanceMode";
    case E::kUnsupportedCompanion: return "kUnsupportedCompanion";
    case E::kTemplateParamCountMismatch: return "kTemplateParamCountMismatch";
    case E::kTemplateDoesNotExist: return "kTemplateDoesNotExist";
    case E::kTemplateTextTooLong: return "kTemplateTextTooLong";
    case E::kTemplateFormatPolicy: return "kTemplateFormatPolicy";
    case E::kTemplateParamFormatMismatch: return "kTemplateParamFormatMismatch";
    case E::kTemplatePaused: return "kTemplatePaused";
    case E::kTemplateDisabled: return "kTemplateDisabled";
    case E::kFlowBlocked: return "kFlowBlocked";
    case E::kFlowThrottled: return "kFlowThrottled";
    case E::kIncompleteDeregistration: return "kIncompleteDeregistration";
    case E::kServerTemporarilyUnavailable: return "kServerTemporarilyUnavailable";
    case E::kPinMismatch: return "kPinMismatch";
    case E::kReverificationNeeded: return "kReverificationNeeded";
    case E::kTooManyPinGuesses: return "kTooManyPinGuesses";
    case E::kPinGuessedTooFast: return "kPinGuessedTooFast";
    case E::kNotRegistered: return "kNotRegistered";
    case E::kRecentlyDeleted: return "kRecentlyDeleted";
    case E::kRegisterRateLimit: return "kRegisterRateLimit";
    case E::kPaymentsTermsNotAccepted: return "kPaymentsTermsNotAccepted";
    case E::kGenericUserError: return "kGenericUserError";
    case E::kIdentityKeyMismatch: return "kIdentityKeyMismatch";
    case E::kTemplateLimitExceeded: return "kTemplateLimitExceeded";
    case E::kSyncRequestLimit: return "kSyncRequestLimit";
    case E::kSyncWindowClosed: return "kSyncWindowClosed";
    case E::kHistorySyncOff: return "kHistorySyncOff";
    case E::kCallbackVerificationFailed: return "kCallbackVerificationFailed";
    case E::kAppAccessTokenRequired: return "kAppAccessTokenRequired";
    case E::kTemplateAlreadyExists: return "kTemplateAlreadyExists";
    case E::kTemplateStatusCannotChange: return "kTemplateStatusCannotChange";
    case E::kTemplateCharLimitExceeded: return "kTemplateCharLimitExceeded";
    case E::kTemplateHeaderFormat: return "kTemplateHeaderFormat";
    case E::kTemplateBodyFormat: return "kTemplateBodyFormat";
    case E::kTemplateFooterFormat: return "kTemplateFooterFormat";
    case E::kTemplateParamRatio: return "kTemplateParamRatio";
    case E::kTemplateLeadingTrailingParam: return "kTemplateLeadingTrailingParam";
  }
  return "";
}

}  // namespace wasim
