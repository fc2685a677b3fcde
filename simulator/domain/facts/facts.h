// Facts: what happened on the simulated Meta side, typed. Domain code records
// facts and nothing else; every consumer (the webhook outbox, GET /_sim/events,
// scenario triggers, contract-test matchers, persistence) reads them from the
// FactLog through a cursor. Meta's payloads are rendered from facts in
// simulator/webhooks/ alone, so a fact carries every value a payload needs
// (as it was at that instant), never pre-rendered JSON.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "simulator/core/errors.h"
#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/messages/message_store.h"
#include "simulator/domain/world/model.h"

namespace wasim {

// A Graph API call the simulator answered (refused ones included). Bodies are
// kept up to a cap; a multipart (media) request body is kept as its size and sha256.
struct ApiCallHandled {
  std::string method;
  std::string path;  // as requested, without the query string
  // The query parameters in order, an access_token's value redacted.
  std::vector<std::pair<std::string, std::string>> query;
  int status = 0;
  int error_code = 0;  // Graph error code of a refused call, 0 when it succeeded
  std::string request_body;
  std::string response_body;
  bool request_truncated = false;
  bool response_truncated = false;
  std::string fault_id;  // the fault rule that answered instead of the API ("" when none)
  bool dropped = false;  // a fault closed the connection: no response was sent (status 0)
};

// A business message was accepted (the 200 of POST /{phone-number-id}/messages).
struct MessageAccepted {
  std::string waba_id;
  std::string phone_number_id;
  std::string wamid;
  std::string to;  // the recipient's wa_id
  std::string type;
  std::string template_name;  // templates only
};

// A message status changed (statuses[] of the `messages` webhook field).
struct StatusChanged {
  std::string waba_id;
  std::string phone_number_id;
  std::string wamid;
  std::string recipient_id;
  MessageStatus status = MessageStatus::kSent;
  std::optional<GraphError> error;
  std::optional<PricingInfo> pricing;
  std::string biz_opaque_callback_data;
  // Free entry point window (rules::CheckSend): the conversation is the window.
  std::string conversation_id;
  std::optional<TimeMs> conversation_expires_at;
  // Business-scoped identity (customers::IdentityFor); user.user_id "" before
  // BSUIDs are shared. to_user_id: the message was sent to the BSUID.
  UserIdentity user;
  bool to_user_id = false;
  std::string profile_name;  // the user's (contacts[].profile.name once BSUIDs are shared)
};

// A customer wrote to a business number (messages[] of the `messages` field).
struct InboundReceived {
  std::string waba_id;
  std::string phone_number_id;
  std::string from;  // wa_id
  std::string profile_name;
  std::string wamid;
  std::string type;                 // text, image, interactive, button, reaction, unsupported, ...
  Json content;                     // the type object, e.g. {"body":"hi"} for text
  Json context;                     // null or {"from","id"}
  Json referral;                    // null or click-to-WhatsApp referral object
  std::optional<GraphError> error;  // e.g. 131051 for unsupported
  UserIdentity user;                // business-scoped identity; user_id "" before BSUIDs are shared
};

// Meta's review (or a forced decision) changed a template's status.
struct TemplateStatusChanged {
  std::string waba_id;
  std::string template_id;
  std::string name;
  std::string language;
  std::string category;
  std::string status;   // APPROVED, REJECTED, PAUSED, DISABLED, ...
  std::string reason;   // REJECTED: Meta's reason; otherwise NONE
  Json rejection_info;  // REJECTED: null or {"reason","recommendation"}
};

// Meta changes (or announces it will change) a template's category
// (template_category_update). phase "impending": new_category is the current
// one, correct_category the coming one at update_at; phase "completed":
// previous_category -> new_category.
struct TemplateCategoryChanged {
  std::string waba_id;
  std::string template_id;
  std::string name;
  std::string language;
  std::string phase;  // impending | completed
  std::string previous_category;
  std::string new_category;
  std::string correct_category;
  TimeMs update_at = 0;
};

struct TemplateQualityChanged {
  std::string waba_id;
  std::string template_id;
  std::string name;
  std::string language;
  std::string previous_score;  // GREEN, YELLOW, RED, UNKNOWN
  std::string new_score;
};

// A business portfolio's messaging limit changed (upgrade, or set by the admin).
struct MessagingLimitChanged {
  struct Phone {
    std::string phone_number_id;
    std::string display_phone_number;
  };
  struct WabaPhones {
    std::string waba_id;
    std::vector<Phone> phones;
  };
  std::string business_id;
  long old_limit = 0;
  long new_limit = 0;
  std::vector<WabaPhones> wabas;  // every WABA of the business, with its numbers
};

// A phone number's throughput went to HIGH (Meta: THROUGHPUT_UPGRADE).
struct ThroughputUpgraded {
  std::string waba_id;
  std::string phone_number_id;
  std::string display_phone_number;
};

// Meta's display-name review of a phone number decided (or went pending).
struct PhoneNameDecided {
  std::string waba_id;
  std::string phone_number_id;
  std::string display_phone_number;
  std::string decision;  // Meta's: APPROVED, REJECTED, PENDING, DEFERRED
  std::string requested_verified_name;
  std::string rejection_reason;  // "" when none
};

// Meta's review of a business username decided (phone_number_username_update).
struct PhoneUsernameDecided {
  std::string waba_id;
  std::string phone_number_id;
  std::string display_phone_number;
  std::string decision;  // APPROVED | REJECTED
  std::string requested_username;
  std::vector<std::string> rejection_reasons;  // REJECTED only
};

// Coexistence (Meta: embedded-signup/onboarding-business-app-users): the
// business app's contacts, sent after POST /{id}/smb_app_data
// smb_app_state_sync (smb_app_state_sync webhook).
struct BusinessAppContactsSynced {
  std::string waba_id;
  std::string phone_number_id;
  std::string display_phone_number;
  std::vector<BusinessAppContact> contacts;
  std::string action = "add";  // Meta: add (added or edited) | remove
  // Each contact's business-scoped identity at the sync, in the order of
  // `contacts` (empty, or user_id "", before BSUIDs are shared).
  std::vector<UserIdentity> users;
};

// One piece of history sync (history webhook): a chunk of threads, the media
// contents of recent media messages, or the business's refusal (error).
struct BusinessAppHistorySynced {
  struct Message {
    std::string thread_wa_id;
    std::string from;  // business display number or the user's wa_id
    std::string to;    // set for business messages (echoes)
    std::string wamid;
    TimeMs sent_at = 0;
    std::string type;    // text, media_placeholder, image, ...
    Json content;        // the type object (null for media_placeholder)
    std::string status;  // history_context.status ("" for media contents)
    UserIdentity user;   // the thread's user (user_id "" before BSUIDs are shared)
  };
  enum class Kind { kChunk, kMedia, kDeclined };
  std::string waba_id;
  std::string phone_number_id;
  std::string display_phone_number;
  Kind kind = Kind::kChunk;
  int phase = 0;
  int chunk_order = 0;
  int progress = 0;
  std::vector<Message> messages;
  std::optional<GraphError> error;  // kDeclined: 2593109
};

// The business sent a message from the WhatsApp Business app or a companion
// (smb_message_echoes webhook).
struct BusinessAppEchoed {
  std::string waba_id;
  std::string phone_number_id;
  std::string from;  // the business display number
  std::string to;    // the user's wa_id
  std::string wamid;
  std::string type;
  Json content;
  UserIdentity user;  // business-scoped identity (user_id "" before BSUIDs are shared)
};

// A WABA was shared with a partner (PARTNER_ADDED) or unshared
// (PARTNER_REMOVED), e.g. a Coexistence number disconnected (account_update).
struct PartnerChanged {
  std::string waba_id;
  std::string owner_business_id;
  std::string event;         // PARTNER_ADDED | PARTNER_REMOVED
  std::string phone_number;  // Coexistence removal: the display number ("" otherwise)
  std::string reason;        // disconnection_info.reason ("" : none)
  std::string initiated_by;  // SYSTEM | USER
};

// Onboarding a Coexistence number unlinked its companion devices (record only).
struct CompanionsUnlinked {
  std::string waba_id;
  std::string phone_number_id;
  int count = 0;
};

// Meta announced an account_update event of a WABA (policy enforcement and
// account events; simulator/domain/accounts/account_events.h). Only the
// fields of `event` are set.
struct AccountUpdated {
  struct Restriction {
    std::string type;                  // Meta's restriction_type
    std::optional<TimeMs> expiration;  // when it ends (none: indefinite)
  };
  std::string waba_id;
  std::string event;                      // ACCOUNT_VIOLATION, DISABLED_UPDATE, ACCOUNT_RESTRICTION, ...
  std::string phone_number;               // ACCOUNT_RESTRICTION of one number: its display number
  std::string violation_type;             // ACCOUNT_VIOLATION (and optionally ACCOUNT_RESTRICTION)
  std::string ban_state;                  // DISABLED_UPDATE: DISABLE, REINSTATE, SCHEDULE_FOR_DISABLE
  std::string ban_date;                   // DISABLED_UPDATE: "April 17, 2025"
  std::vector<Restriction> restrictions;  // ACCOUNT_RESTRICTION
  std::string country;                    // BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE
  std::string owner_business_id;          // MM_LITE_TERMS_SIGNED
  // AUTH_INTL_PRICE_ELIGIBILITY_UPDATE: when authentication-international
  // rates start, and the countries that start at another time.
  struct ExceptionCountry {
    std::string country_code;
    TimeMs start_time = 0;
  };
  std::optional<TimeMs> auth_intl_start_time;
  std::vector<ExceptionCountry> exception_countries;
  // PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE (partner-led business verification).
  std::string client_business_id;
  std::string certification_status;  // APPROVED, DISCARDED, FAILED, PENDING, REVOKED
  std::vector<std::string> rejection_reasons;
  // VOLUME_BASED_PRICING_TIER_UPDATE: the volume tier the WABA reached.
  struct VolumeTier {
    std::string pricing_category;  // UTILITY, AUTHENTICATION, ...
    std::string tier;              // "25000001:50000000" (lower:upper)
    std::string effective_month;   // "2025-11"
    std::string region;            // "India"
  };
  std::optional<VolumeTier> volume_tier;
};

// Meta raised an account alert (account_alerts): about the business
// portfolio, a phone number or a number's business profile.
struct AccountAlertRaised {
  std::string waba_id;
  std::string entity_type;  // BUSINESS | PHONE_NUMBER | CURRENT_STATUS_ID
  std::string entity_id;
  std::string alert_severity;  // CRITICAL | WARNING | INFORMATIONAL
  std::string alert_status;    // ACTIVE | NONE
  std::string alert_type;      // INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED, OBA_APPROVED, ...
  std::string alert_description;
};

// Meta's review of a WABA decided (account_review_update).
struct AccountReviewDecided {
  std::string waba_id;
  std::string decision;  // APPROVED, REJECTED, PENDING, DEFERRED
};

// The outbox attempted a webhook delivery.
struct WebhookAttempted {
  std::string delivery_id;
  std::string app_id;
  std::string field;
  std::string url;
  int attempt = 0;
  int response_status = 0;  // 0: no HTTP response
  std::string error;        // transport failure, "" otherwise
  std::string outcome;      // delivered | retrying | given_up
};

// A Meta-side lifecycle moved (lifecycle/lifecycle.h): every transition of
// every machine, with what caused it ("decision", "admin", a Graph call...).
struct LifecycleChanged {
  std::string machine;
  std::string object_id;
  std::string from;
  std::string to;
  std::string cause;
};

// Meta sent a verification code for POST /{phone-number-id}/request_code
// (registration module); `delivered` is false when the number never gets it.
struct VerificationCodeSent {
  std::string waba_id;
  std::string phone_number_id;
  std::string method;  // SMS | VOICE
  std::string language;
  std::string code;
  bool delivered = true;
  TimeMs expires_at = 0;
};

// A business changed its number's two-step verification in WhatsApp Manager
// (Meta's `security` webhook: PIN_CHANGED, PIN_RESET_REQUEST, PIN_REQUEST_SUCCESS).
struct TwoStepSecurityEvent {
  std::string waba_id;
  std::string phone_number_id;
  std::string display_phone_number;
  std::string event;
  std::string requester;  // Meta Business Suite user id, PIN_RESET_REQUEST only ("" otherwise)
};

using FactBody =
    std::variant<ApiCallHandled, MessageAccepted, StatusChanged, InboundReceived, TemplateStatusChanged,
                 TemplateQualityChanged, TemplateCategoryChanged, MessagingLimitChanged, ThroughputUpgraded,
                 WebhookAttempted, LifecycleChanged, PhoneNameDecided, BusinessAppContactsSynced,
                 BusinessAppHistorySynced, BusinessAppEchoed, PartnerChanged, CompanionsUnlinked,
                 VerificationCodeSent, TwoStepSecurityEvent, AccountUpdated, AccountReviewDecided,
                 PhoneUsernameDecided, AccountAlertRaised>;

// Facts kept for readers of the log only: no webhook is rendered from them, so
// a request that recorded only these leaves nothing for the emitter to do.
inline bool IsRecordOnly(const FactBody& b) {
  return std::holds_alternative<ApiCallHandled>(b) || std::holds_alternative<MessageAccepted>(b) ||
         std::holds_alternative<WebhookAttempted>(b) || std::holds_alternative<LifecycleChanged>(b) ||
         std::holds_alternative<CompanionsUnlinked>(b) || std::holds_alternative<VerificationCodeSent>(b);
}

struct Fact {
  std::uint64_t seq = 0;  // 1, 2, 3, ... never repeated
  TimeMs at = 0;          // virtual time it happened
  FactBody body;
};

// "api_call", "message_accepted", ... (the `type` in JSON and in filters).
const char* FactTypeName(const FactBody& b);
const std::vector<std::string>& AllFactTypeNames();

}  // namespace wasim
