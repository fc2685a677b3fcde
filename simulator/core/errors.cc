#include "simulator/core/errors.h"

#include <map>
#include <stdexcept>

namespace wasim {
namespace {

// Sources: Meta's error-codes page (updated 2025-11-19) for codes, titles and
// HTTP statuses ("official"); real captured responses/webhooks where Meta's
// actual wording differs from the page ("capture"); standard Graph platform
// errors ("graph"). `unused_reason` marks rows no rule raises yet.
using E = ErrorCode;
const std::vector<ErrorSpec> kCatalog = {
    // Graph OAuth (GET /oauth/access_token with an unknown client_id), captured wording.
    {E::kInvalidApplicationId, 400, "Error validating application. Invalid application ID.", "", "graph", ""},
    {E::kAuthException, 401, "AuthException", "We were unable to authenticate the app user.", "official",
     "Graph answers token problems with 104/190; app-user sessions are not modelled"},
    {E::kApiUnknown, 400, "API Unknown", "Invalid request or possible server error.", "official", ""},
    {E::kApiService, 503, "API Service", "Temporary due to downtime or due to being overloaded.", "official",
     "fault injection only (scenarios); Meta-side outage"},
    {E::kApiMethod, 500, "API Method", "Capability or permissions issue.", "official",
     "fault injection only (scenarios)"},
    // Also (assumption) what request_code/verify_code answer for too many codes or guesses: Meta's
    // OpenAPI description of request_code shows code 4; its docs give no other code.
    {E::kApiTooManyCalls, 400, "API Too Many Calls", "The app has reached its API call rate limit.",
     "official", ""},
    {E::kPermissionDenied, 403, "Permission Denied", "Permission is either not granted or has been removed.",
     "official", "token scopes/permissions are not modelled (every token has both WhatsApp permissions)"},
    {E::kPhoneNumberDeleted, 400, "Parameter value is not valid",
     "The business phone number has been deleted.", "official", ""},
    {E::kInvalidParameter, 400, "Invalid parameter", "Invalid parameter.", "official", ""},
    {E::kAccessTokenRequired, 400, "An access token is required to request this resource.", "", "graph", ""},
    {E::kAccessTokenInvalid, 401, "Access token has expired", "", "official+graph", ""},
    {E::kApiPermission, 403, "API Permission", "Permission is either not granted or has been removed.",
     "official", "token scopes/permissions are not modelled"},
    {E::kPolicyBlocked, 403, "Temporarily blocked for policies violations",
     "The WhatsApp Business Account is temporarily blocked for policy violations.", "official", ""},
    {E::kUnknownPathComponents, 400, "Unknown path components", "", "graph", ""},
    {E::kWabaRateLimit, 400, "Rate limit issues", "The WhatsApp Business Account has reached its rate limit.",
     "official", "WABA-level Graph call rate limit not modelled yet"},
    {E::kThroughputRateLimit, 400, "Rate limit hit", "Cloud API message throughput has been reached.",
     "official", ""},
    {E::kMarketingExperiment, 400, "User's number is part of an experiment",
     "Failed to send message because this user's phone number is part of an experiment.", "official", ""},
    {E::kCountryRestricted, 403, "Business account is restricted from messaging users in this country.",
     "The business account is restricted from messaging users in this country.", "official", ""},
    {E::kSomethingWentWrong, 500, "Something went wrong", "Message failed to send due to an unknown error.",
     "official", ""},
    {E::kAccessDenied, 403, "Access denied", "Permission is either not granted or has been removed.",
     "official", "token scopes/permissions are not modelled"},
    {E::kRequiredParameterMissing, 400, "Required parameter is missing", "", "official", ""},
    {E::kParameterValueInvalid, 400, "Parameter value is not valid", "", "official", ""},
    {E::kServiceUnavailable, 500, "Service unavailable", "A service is temporarily unavailable.", "official",
     "fault injection only (scenarios)"},
    {E::kRecipientIsSender, 400, "Recipient cannot be sender.",
     "Sender and recipient phone number is the same.", "official", ""},
    // Title per Meta's table; older captures say "Receiver is incapable of receiving this message".
    {E::kMessageUndeliverable, 400, "Message Undeliverable", "Message Undeliverable.", "official+capture",
     ""},
    // Absent from the Nov-2025 page; wording from captured 400 responses.
    {E::kRecipientNotAllowed, 400, "Recipient phone number not in allowed list",
     "Recipient phone number not in allowed list: Add recipient phone number to recipient list and try "
     "again.",
     "capture", ""},
    // Captured status webhook wording ("Business Account locked").
    {E::kAccountLocked, 403, "Business Account locked", "Business account has been locked.", "capture", ""},
    {E::kDisplayNameApprovalNeeded, 400,
     "WhatsApp provided number needs display name approval before message can be sent.",
     "WhatsApp provided number needs display name approval before message can be sent.", "official", ""},
    {E::kPaymentIssue, 400, "Business eligibility payment issue",
     "Message failed to send because there were one or more errors related to your payment method.",
     "capture", ""},
    {E::kIncorrectCertificate, 500, "Incorrect certificate",
     "Message failed to send due to a phone number registration error.", "official",
     "display-name certificates not modelled"},
    {E::kReengagementMessage, 400, "Re-engagement message",
     "Message failed to send because more than 24 hours have passed since the customer last replied to this "
     "number.",
     "official+capture", ""},
    // Assumption (rules): also what a portfolio messaging-limit breach fails with (Meta names no code).
    {E::kSpamRateLimit, 400, "Spam Rate limit hit",
     "Message failed to send because there are restrictions on how many messages can be sent from this phone "
     "number.",
     "official", ""},
    {E::kEcosystemEngagement, 400, "This message was not delivered to maintain healthy ecosystem engagement.",
     "This message was not delivered to maintain healthy ecosystem engagement.", "official", ""},
    {E::kMarketingOptOut, 400,
     "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on "
     "WhatsApp from your business",
     "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on "
     "WhatsApp from your business",
     "official", ""},
    {E::kUnsupportedMessageType, 400, "Message type unknown", "Message type is currently not supported.",
     "capture", ""},
    {E::kMediaDownloadError, 400, "Media download error", "Unable to download the media sent by the user.",
     "official", "inbound media over 100 MB is refused at /_sim/inbound instead (open item)"},
    {E::kMediaUploadError, 400, "Media upload error", "Unable to upload the media used in the message.",
     "official", ""},
    {E::kMethodNotAllowed, 400, "Method not allowed", "The request method is not allowed.", "official",
     "MM Lite API not modelled"},
    {E::kPairRateLimit, 400, "(Business Account, Consumer Account) pair rate limit hit",
     "Message failed to send because there were too many messages sent from this phone number to the same "
     "phone number in a short period of time.",
     "official", ""},
    {E::kMaintenanceMode, 500, "Account in maintenance mode", "Business account is in maintenance mode.",
     "official", "the <= 1 min maintenance window of a throughput upgrade is not modelled"},
    // Changelog (v24.0): returned for an invalid paging cursor of message_templates;
    // title and text from the groups API error-codes page.
    {E::kInvalidCursor, 400, "Invalid cursor",
     "The cursor has either expired or become corrupted. Start pagination from the beginning again.",
     "official", ""},
    {E::kUnsupportedCompanion, 400, "Message involving unsupported companion device",
     "The message involves a companion device that is not supported.", "official (coexistence)",
     "companions are a count (unlinked at onboarding); unsupported companion devices are not modelled"},
    // business-scoped-user-ids.mdx (Error codes): one-tap, zero-tap and copy-code
    // authentication templates need the user's phone number. Title: our assumption.
    {E::kAuthTemplateToBsuid, 400, "Authentication message sent to a business-scoped user ID",
     "You can only send authentication messages to recipients' phone numbers, not their business-scoped user "
     "IDs.",
     "official", ""},
    // Captured wording of the HTTP response (pywa#154, pipedream#6071).
    {E::kTemplateParamCountMismatch, 400, "Number of parameters does not match the expected number of params",
     "", "capture", ""},
    {E::kTemplateDoesNotExist, 404, "Template name does not exist in the translation", "", "capture", ""},
    {E::kTemplateTextTooLong, 400, "Template Hydrated Text Too Long", "Translated text too long.", "official",
     ""},
    {E::kTemplateFormatPolicy, 400, "Template Format Character Policy Violated",
     "Template content violates a WhatsApp policy.", "official",
     "template content policy review is not modelled"},
    // Captured wording of the HTTP response ("(#132012) Parameter format does not match format in the created
    // template").
    {E::kTemplateParamFormatMismatch, 400, "Parameter format does not match format in the created template",
     "The variable parameter values formatted incorrectly.", "capture", ""},
    {E::kTemplatePaused, 400, "Template is Paused",
     "Template is paused due to low quality so it cannot be sent in a template message.", "official", ""},
    {E::kTemplateDisabled, 400, "Template is Disabled",
     "Template has been permanently disabled due to low quality.", "official", ""},
    {E::kFlowBlocked, 400, "Flow is blocked", "The flow is in blocked state.", "official",
     "flows not modelled"},
    {E::kFlowThrottled, 400, "Flow is throttled",
     "The flow is in throttled state and 10 messages using this flow were already sent in the last hour.",
     "official", "flows not modelled"},
    {E::kIncompleteDeregistration, 500, "Incomplete Deregistration",
     "A previous deregistration attempt failed.", "official",
     "a deregistration that fails halfway is not modelled"},
    {E::kServerTemporarilyUnavailable, 503, "Server Temporarily Unavailable",
     "Our service is temporarily unavailable.", "official", "fault injection only (scenarios)"},
    {E::kPinMismatch, 400, "Two step verification PIN Mismatch", "Two step verification PIN incorrect.",
     "official", ""},
    {E::kReverificationNeeded, 400, "Phone number re-verification needed",
     "Phone number needs to be verified before registering.", "official", ""},
    {E::kTooManyPinGuesses, 400, "Too Many two step verification PIN Guesses",
     "Too many two step verification PIN guesses for this phone number.", "official", ""},
    {E::kPinGuessedTooFast, 400, "Two step verification PIN Guessed Too Fast",
     "Two step verification PIN was entered too quickly.", "official", ""},
    // Captured: {"message":"(#133010) Account not registered",...}
    {E::kNotRegistered, 400, "Account not registered",
     "Phone number is not registered on the WhatsApp Business Platform.", "capture", ""},
    {E::kRecentlyDeleted, 400, "Please wait a few minutes before attempting to register this phone number",
     "The phone number you are attempting to register was recently deleted. Wait 5 minutes before retrying.",
     "official", ""},
    {E::kRegisterRateLimit, 400, "Account register deregister rate limit exceeded",
     "Registration or Deregistration failed because there were too many attempts for this phone number in a "
     "short period of time.",
     "official", ""},
    {E::kPaymentsTermsNotAccepted, 400, "WhatsApp Payments terms of service has not been accepted", "",
     "official", "payments not modelled"},
    {E::kGenericUserError, 400, "Generic user error", "", "official", "fault injection only (scenarios)"},
    {E::kIdentityKeyMismatch, 400, "Recipient identity key hash mismatch",
     "The message was not sent because the recipient's identity key hash does not match.", "official",
     "identity-change check not modelled"},
    // calling/troubleshooting.mdx; limits in calling/user-call-permissions.mdx.
    {E::kCallPermissionRequestLimit, 400, "Call Permission Request Limit Hit",
     "Limit reached for call permission request sends for the given business and consumer pair", "official",
     "limits never reset: wasim has no calls"},
    {E::kTemplateLimitExceeded, 400, "Message Template Limit Exceeded",
     "The WhatsApp Business Account has reached its message template limit.", "official", ""},
    {E::kSyncRequestLimit, 400, "Synchronization request limit exceeded",
     "Synchronization request has already been made for this phone number.", "official", ""},
    {E::kSyncWindowClosed, 400, "Synchronization request is outside the allowed time window",
     "Synchronization must be requested within 24 hours of onboarding.", "official", ""},
    {E::kHistorySyncOff, 400, "History sync is turned off by the business from the WhatsApp Business App",
     "History sharing is turned off by the business", "official", ""},
    // Graph platform error captured from /{app-id}/subscriptions (fbsamples/original-coast-clothing#84,
    // arsduo/koala#439): "(#2200) Callback verification failed with the following errors: ...".
    {E::kCallbackVerificationFailed, 400, "Callback verification failed", "", "capture", ""},
    // Graph platform error for app-token-only edges (Graph API app/subscriptions reference).
    {E::kAppAccessTokenRequired, 400, "This method must be called with an app access_token.", "", "graph",
     ""},
    // Template creation/edit errors: titles and details from Meta's error-codes page
    // ("Template creation errors", updated 2025-11-19). Captures show Graph may carry these
    // as error_subcode under code 100; we follow the page and use them as codes.
    // 2388024: captured wording for a name+language that already exists (or is still being deleted).
    {E::kTemplateAlreadyExists, 400, "Content in This Language Already Exists",
     "There is already content for this template in this language. You can create a new template and try "
     "again.",
     "capture", ""},
    {E::kTemplateStatusCannotChange, 400, "Message template status can't be changed",
     "The status for this message template can't be changed. You can only delete or add templates.",
     "official", ""},
    {E::kTemplateCharLimitExceeded, 400, "Character limit exceeded",
     "A field in your template has exceeded the maximum character limit allowed.", "official", ""},
    {E::kTemplateHeaderFormat, 400, "Message header format is incorrect",
     "Your message header contains invalid formatting.", "official", ""},
    {E::kTemplateBodyFormat, 400, "Message body format is incorrect",
     "Your message body contains invalid formatting.", "official", ""},
    {E::kTemplateFooterFormat, 400, "Message footer format is incorrect",
     "Your message footer contains invalid formatting.", "official", ""},
    {E::kTemplateParamRatio, 400, "Parameters words ratio exceeds limit",
     "This template has too many variables for its length. Reduce the number of variables or increase the "
     "message length.",
     "official", ""},
    {E::kTemplateLeadingTrailingParam, 400, "Leading or trailing parameters not allowed",
     "Variables cannot be at the start or end of the template.", "official", ""},
};

}  // namespace

const std::vector<ErrorSpec>& ErrorCatalog() { return kCatalog; }

const ErrorSpec& SpecFor(ErrorCode code) {
  static const std::map<ErrorCode, const ErrorSpec*> index = [] {
    std::map<ErrorCode, const ErrorSpec*> m;
    for (const auto& s : kCatalog) m[s.code] = &s;
    return m;
  }();
  auto it = index.find(code);
  if (it == index.end()) return *index.at(ErrorCode::kApiUnknown);
  return *it->second;
}

GraphError MakeError(ErrorCode code, std::string details) {
  const ErrorSpec& spec = SpecFor(code);
  GraphError e;
  e.code = code;
  e.http_status = spec.http_status;
  e.flavor = ErrorFlavor::kWhatsApp;
  e.title = std::string(spec.title);
  e.message = "(#" + std::to_string(static_cast<int>(code)) + ") " + e.title;
  e.details = details.empty() ? std::string(spec.details) : std::move(details);
  if (code == ErrorCode::kThroughputRateLimit) e.subcode = 2494055;  // Meta's documented example
  // Template management errors come as code 100 with the 2388xxx number in
  // error_subcode, is_transient false and error_user_title/msg: Meta's own
  // example of a 2388xxx error (groups analytics page, subcode 2388077) and
  // captured template-creation answers (2388024, 2388039).
  if (static_cast<int>(code) / 1000 == 2388) {
    e.flavor = ErrorFlavor::kSubcode;
    e.subcode = static_cast<int>(code);
    e.message = "Invalid parameter";
  }
  return e;
}

namespace {
GraphError PlainGraphError(ErrorCode code, int http_status, std::string message,
                           std::string type = "OAuthException") {
  GraphError e;
  e.code = code;
  e.http_status = http_status;
  e.flavor = ErrorFlavor::kGraph;
  e.type = std::move(type);
  e.title = std::string(SpecFor(code).title);
  e.message = std::move(message);
  return e;
}
}  // namespace

GraphError NoAccessTokenError() {
  return PlainGraphError(ErrorCode::kAccessTokenRequired, 400,
                         "An access token is required to request this resource.");
}

GraphError MalformedTokenError() {
  return PlainGraphError(ErrorCode::kAccessTokenInvalid, 401,
                         "Invalid OAuth access token - Cannot parse access token");
}

GraphError ExpiredTokenError(std::string_view when) {
  auto e =
      PlainGraphError(ErrorCode::kAccessTokenInvalid, 401,
                      "Error validating access token: Session has expired on " + std::string(when) + ".");
  e.subcode = 463;  // Graph's subcode for an expired session
  return e;
}

GraphError UnknownObjectError(std::string_view method, std::string_view id) {
  auto e = PlainGraphError(
      ErrorCode::kInvalidParameter, 400,
      "Unsupported " + std::string(method) + " request. Object with ID '" + std::string(id) +
          "' does not exist, cannot be loaded due to missing permissions, or does not support "
          "this operation. Please read the Graph API documentation at "
          "https://developers.facebook.com/docs/graph-api",
      "GraphMethodException");
  e.subcode = 33;
  return e;
}

GraphError NonexistingFieldError(std::string_view field, std::string_view node_type) {
  return PlainGraphError(ErrorCode::kInvalidParameter, 400,
                         "(#100) Tried accessing nonexisting field (" + std::string(field) +
                             ") on node type (" + std::string(node_type) + ")");
}

GraphError UnknownPathError(std::string_view path) {
  return PlainGraphError(ErrorCode::kUnknownPathComponents, 400,
                         "Unknown path components: " + std::string(path));
}

GraphError InvalidParameterError(std::string details) {
  return MakeError(ErrorCode::kInvalidParameter, std::move(details));
}

GraphError SchemaParamError(std::string description) {
  auto e = PlainGraphError(ErrorCode::kInvalidParameter, 400, "(#100) " + description);
  e.details = std::move(description);
  return e;
}

GraphError CallbackVerificationFailedError(std::string reason) {
  auto e = PlainGraphError(ErrorCode::kCallbackVerificationFailed, 400,
                           "(#2200) Callback verification failed with the following errors: " + reason);
  e.details = std::move(reason);
  return e;
}

GraphError OAuthError(ErrorCode code, std::string message, std::optional<int> subcode) {
  auto e = PlainGraphError(code, 400, std::move(message));
  e.subcode = subcode;
  return e;
}

GraphError AppAccessTokenRequiredError() {
  return PlainGraphError(ErrorCode::kAppAccessTokenRequired, 400,
                         "(#15) This method must be called with an app access_token.");
}

}  // namespace wasim
