// Meta's error catalog and the GraphError value every layer passes around.
//
// One table (errors.cc) holds each code's official title, HTTP status and the
// details Meta sends where captures show them. Where an error surfaces (HTTP
// response or a later `failed` status webhook) is decided by the rule that
// raises it, not by the code: see domain rules.
// Thread-safety: the catalog is immutable; GraphError is a plain value.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasim {

// Codes named once here; no bare numbers elsewhere. Titles live in the table.
enum class ErrorCode : int {
  kAuthException = 0,
  kApiUnknown = 1,
  kApiService = 2,
  kApiMethod = 3,
  kApiTooManyCalls = 4,
  kPermissionDenied = 10,
  kPhoneNumberDeleted = 33,
  kInvalidParameter = 100,
  kAccessTokenRequired = 104,  // Graph: no token at all
  kAccessTokenInvalid = 190,   // Graph: malformed / expired token
  kApiPermission = 200,
  kPolicyBlocked = 368,
  kUnknownPathComponents = 2500,  // Graph: unknown path / method
  kWabaRateLimit = 80007,
  kThroughputRateLimit = 130429,
  kMarketingExperiment = 130472,
  kCountryRestricted = 130497,
  kSomethingWentWrong = 131000,
  kAccessDenied = 131005,
  kRequiredParameterMissing = 131008,
  kParameterValueInvalid = 131009,
  kServiceUnavailable = 131016,
  kRecipientIsSender = 131021,
  kMessageUndeliverable = 131026,
  kRecipientNotAllowed = 131030,
  kAccountLocked = 131031,
  kDisplayNameApprovalNeeded = 131037,
  kPaymentIssue = 131042,
  kIncorrectCertificate = 131045,
  kReengagementMessage = 131047,
  kSpamRateLimit = 131048,
  kEcosystemEngagement = 131049,
  kMarketingOptOut = 131050,
  kUnsupportedMessageType = 131051,
  kMediaDownloadError = 131052,
  kMediaUploadError = 131053,
  kMethodNotAllowed = 131055,
  kPairRateLimit = 131056,
  kMaintenanceMode = 131057,
  kInvalidCursor = 131059,
  kUnsupportedCompanion = 131060,
  kAuthTemplateToBsuid = 131062,
  kTemplateParamCountMismatch = 132000,
  kTemplateDoesNotExist = 132001,
  kTemplateTextTooLong = 132005,
  kTemplateFormatPolicy = 132007,
  kTemplateParamFormatMismatch = 132012,
  kTemplatePaused = 132015,
  kTemplateDisabled = 132016,
  kFlowBlocked = 132068,
  kFlowThrottled = 132069,
  kIncompleteDeregistration = 133000,
  kServerTemporarilyUnavailable = 133004,
  kPinMismatch = 133005,
  kReverificationNeeded = 133006,
  kTooManyPinGuesses = 133008,
  kPinGuessedTooFast = 133009,
  kNotRegistered = 133010,
  kRecentlyDeleted = 133015,
  kRegisterRateLimit = 133016,
  kPaymentsTermsNotAccepted = 134011,
  kGenericUserError = 135000,
  kIdentityKeyMismatch = 137000,
  kCallPermissionRequestLimit = 138009,
  kTemplateLimitExceeded = 2388019,
  kSyncRequestLimit = 2593107,
  kSyncWindowClosed = 2593108,
  kHistorySyncOff = 2593109,
  kCallbackVerificationFailed = 2200,  // Graph: webhook callback handshake failed
  kAppAccessTokenRequired = 15,        // Graph: edge needs an app access token ({app-id}|{app-secret})
  kInvalidApplicationId = 101,         // Graph OAuth: unknown client_id
  // Template management (Meta error-codes page, "Template creation errors"),
  // plus the duplicate-name error seen in captured responses.
  kTemplateAlreadyExists = 2388024,
  kTemplateStatusCannotChange = 2388039,
  kTemplateCharLimitExceeded = 2388040,
  kTemplateHeaderFormat = 2388047,
  kTemplateBodyFormat = 2388072,
  kTemplateFooterFormat = 2388073,
  kTemplateParamRatio = 2388293,
  kTemplateLeadingTrailingParam = 2388299,
};

// Which of Meta's envelopes an error is rendered in.
enum class ErrorFlavor {
  kWhatsApp,  // message "(#code) title", error_data{messaging_product, details}
  kGraph,     // Graph platform errors (104, 190, 2500, 100/33): plain message, no error_data
  // Code 100 "Invalid parameter" with the specific number in error_subcode and the
  // user-facing error_user_title / error_user_msg (template management, 2388xxx).
  kSubcode,
};

struct ErrorSpec {
  ErrorCode code;
  int http_status;
  std::string_view title;          // Meta's official title (error-codes page)
  std::string_view details;        // default error_data.details (captured wording where known)
  std::string_view origin;         // where the row comes from: "official", "capture", "graph", ...
  std::string_view unused_reason;  // non-empty: no rule raises it yet, and why
};

const std::vector<ErrorSpec>& ErrorCatalog();
// The row for `code`; every ErrorCode has one (checked by a test).
const ErrorSpec& SpecFor(ErrorCode code);

struct GraphError {
  ErrorCode code = ErrorCode::kApiUnknown;
  int http_status = 400;
  ErrorFlavor flavor = ErrorFlavor::kWhatsApp;
  std::string type = "OAuthException";
  std::string title;    // catalog title (also webhook `title`/`message`)
  std::string message;  // HTTP `message`; WhatsApp flavor: "(#code) title"
  std::string details;  // error_data.details
  std::optional<int> subcode;
  bool is_transient = false;

  int code_number() const { return static_cast<int>(code); }
};

// An error from the catalog, in the envelope Meta uses for its code (template
// management's 2388xxx: kSubcode; the rest: kWhatsApp); `details` overrides the default.
GraphError MakeError(ErrorCode code, std::string details = {});
// Graph platform errors with their exact wording.
GraphError NoAccessTokenError();                                                       // 104
GraphError MalformedTokenError();                                                      // 190, cannot parse
GraphError ExpiredTokenError(std::string_view when);                                   // 190 / 463
GraphError UnknownObjectError(std::string_view method, std::string_view id);           // 100 / 33
GraphError NonexistingFieldError(std::string_view field, std::string_view node_type);  // 100
GraphError UnknownPathError(std::string_view path);                                    // 2500
GraphError InvalidParameterError(std::string details);  // (#100) Invalid parameter
// Request-schema errors on code 100 exactly as Graph sends them for /messages:
// the description is the message ("(#100) Param text['body'] must be a string.",
// "(#100) The parameter to is required."), no error_data (captures). `details`
// keeps the description for logs and tests.
GraphError SchemaParamError(std::string description);
// (#2200) Graph's webhook verification failure (app subscriptions, subscribed_apps):
// "(#2200) Callback verification failed with the following errors: <reason>", no error_data.
GraphError CallbackVerificationFailedError(std::string reason);
// (#15) "This method must be called with an app access_token." (Graph, e.g. /{app-id}/subscriptions).
GraphError AppAccessTokenRequiredError();
// Graph's OAuth errors (GET /oauth/access_token), plain Graph flavor:
// (1) "Error validating client secret.", (101) "Error validating application.
// Invalid application ID.", (100) "Invalid verification code format.",
// (100/36009) "This authorization code has been used.", (100/36007) "This
// authorization code has expired." (wording from captured Graph responses).
GraphError OAuthError(ErrorCode code, std::string message, std::optional<int> subcode = std::nullopt);

}  // namespace wasim
