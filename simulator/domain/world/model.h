// The world: every Meta-side object wasim simulates, as plain data.
//
// Objects reference each other by Graph id. Ownership: a business owns WABAs,
// a WABA owns phone numbers and templates; an access token grants an app
// access to a set of WABAs (the tenant boundary checked on every request).
// Not thread-safe: the Simulator guards the World with its lock.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "simulator/core/time.h"
#include "simulator/domain/lifecycle/slot.h"
#include "simulator/domain/world/phone_enums.h"

namespace wasim {

struct App {
  std::string id;
  std::string name;
  std::string secret;
  // Graph version the app's webhooks are rendered in (App Dashboard setting).
  std::string webhook_api_version = "v24.0";
  std::string callback_url;  // app-level webhook target (empty: none)
  std::string verify_token;
  std::vector<std::string> subscribed_fields = {"messages"};
};

struct Business {
  std::string id;
  std::string name;
  bool verified = false;
  // Portfolio messaging limit: unique users / rolling 24 h (-1 = unlimited).
  long messaging_limit = 250;
  // Payment method state (131042 while it is failing).
  bool payment_method_ok = true;
};

struct Waba {
  std::string id;
  std::string name;
  std::string business_id;
  std::string currency = "USD";
  std::string timezone_id = "1";
  std::string message_template_namespace;
  // Meta's WABA review (account_review_update): APPROVED, REJECTED, PENDING,
  // DEFERRED; only APPROVED WABAs can be used with the APIs.
  std::string account_review_status = "APPROVED";
  // ISO country of the primary business location ("" until set; Meta's
  // account_update BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE announces it).
  std::string primary_business_location;
  bool locked = false;  // 131031
  // Meta's waba_ban_state of the last DISABLED_UPDATE (DISABLE, REINSTATE,
  // SCHEDULE_FOR_DISABLE); "" when never banned. DISABLE blocks sends (131031).
  std::string ban_state;
  // Messaging blocks of ACCOUNT_RESTRICTION events (Meta: a 1-30 day block on
  // sending templates, or on sending any message), until the virtual instant.
  std::optional<TimeMs> templates_blocked_until;
  std::optional<TimeMs> messages_blocked_until;
  // Country calling codes ("91", "44") this WABA may not message (130497).
  std::vector<std::string> restricted_calling_codes;
  bool policy_blocked = false;  // 368
  std::vector<std::string> phone_number_ids;
  std::vector<std::string> subscribed_app_ids;
  std::string override_callback_uri;  // subscribed_apps callback override
  std::string override_verify_token;
  // Meta (analytics.mdx, "Confirming template analytics"): set by POST
  // /{waba-id}?is_enabled_for_insights=true; once confirmed it cannot be undone.
  bool is_enabled_for_insights = false;
  std::string purchase_order_number;  // Meta's WABA field; "" = none (world data)
};

enum class NumberMode { kCloud, kCoexistence };

// What the WhatsApp Business app of a Coexistence number holds (world data):
// the address book and the 1:1 chats that history sync sends (Meta:
// embedded-signup/onboarding-business-app-users). Ages are relative to the
// instant of the sync request.
struct BusinessAppContact {
  std::string phone_number;  // digits
  std::string full_name;
  std::string first_name;
};
struct BusinessAppMessage {
  DurationMs age = 0;  // how long before the sync request it was sent
  bool from_business = true;
  std::string type = "text";    // text, or a media type (image, video, audio, document, sticker)
  std::string text;             // text body, or the media caption
  std::string status = "READ";  // history_context.status: DELIVERED, ERROR, PENDING, PLAYED, READ, SENT
};
struct BusinessAppThread {
  std::string wa_id;  // the other party (1:1 chats only: Meta syncs no group chats)
  std::vector<BusinessAppMessage> messages;
};
struct BusinessApp {
  std::vector<BusinessAppContact> contacts;
  std::vector<BusinessAppThread> threads;
  bool shares_history = true;  // false: the business declined (history error 2593109)
  int companions = 0;          // linked companion devices (Meta: unlinked at onboarding)
};

// A phone number's display-name review (domain/accounts/name_review.h). An
// edit of an approved name is reviewed as new_display_name (Meta's
// new_name_status) while the approved name stays in use; any other review is
// of verified_name itself (Meta's name_status).
struct DisplayNameReview {
  LifecycleSlot<NameStatus> slot{NameStatus::kNone};  // the machine's copy of the reviewed status
  bool is_edit = false;
  std::string new_display_name;  // the requested edit ("" when none)
  NameStatus new_name_status = NameStatus::kNone;
  std::string decision = "APPROVED";  // what the pending review decides: APPROVED | DECLINED
  std::string rejection_reason;       // Meta's NAME_* reason of a DECLINED decision
  std::optional<DurationMs> delay;    // this number's review delay (admin); nullopt: config
  std::optional<TimeMs> decides_at;   // when the pending review decides (while slot.pending)
};

// A number's business username and its review (accounts/username.h).
enum class UsernameReview { kNone, kPending, kApproved, kRejected };
struct BusinessUsername {
  std::string username;   // the approved username ("" when none)
  std::string requested;  // the username under review ("" when none)
  LifecycleSlot<UsernameReview> slot{UsernameReview::kNone};
  std::string decision = "APPROVED";           // what the pending review decides: APPROVED | REJECTED
  std::vector<std::string> rejection_reasons;  // Meta's reasons of a REJECTED decision
  std::optional<TimeMs> decides_at;            // when the pending review decides
};

// A phone number's business profile (Meta: business-profiles.mdx,
// GET/POST /{phone-number-id}/whatsapp_business_profile). Empty strings are
// fields never set; rules in domain/accounts/business_profile.h.
struct BusinessProfile {
  std::string about;
  std::string address;
  std::string description;
  std::string email;
  std::string profile_picture_url;  // wasim's URL of the last profile_picture_handle
  std::vector<std::string> websites;
  std::string vertical;  // WhatsAppBusinessVertical ("" when never set)
};

struct PhoneNumber {
  std::string id;
  std::string waba_id;
  std::string display_phone_number;  // digits only, e.g. "15550783881"
  std::string verified_name;
  NameStatus name_status = NameStatus::kApproved;
  DisplayNameReview name_review;
  BusinessUsername username;
  CodeVerificationStatus code_verification_status = CodeVerificationStatus::kVerified;
  QualityRating quality_rating = QualityRating::kGreen;
  PlatformType platform_type = PlatformType::kCloudApi;
  ThroughputLevel throughput_level = ThroughputLevel::kStandard;
  PhoneStatus status = PhoneStatus::kConnected;
  AccountMode account_mode = AccountMode::kLive;
  bool registered = true;
  bool deleted = false;  // 33
  NumberMode mode = NumberMode::kCloud;
  // When Embedded Signup finished for this number (nullopt: before the
  // simulation began). Coexistence's 24 h sync window and its inactivity
  // clock start here; registration's 14-day deadline too.
  std::optional<TimeMs> onboarded_at;
  BusinessApp business_app;  // Coexistence numbers: the app's contacts and chats
  std::string pin;           // two-step verification PIN (empty: none set)
  // Verification-code methods ("SMS", "VOICE") whose codes never reach this
  // number (a carrier filter, an IVR line): request_code answers success and
  // the code is lost (registration module).
  std::vector<std::string> undelivered_code_methods;
  // Test numbers may only message an allow list of at most 5 recipients (131030).
  bool is_test_number = false;
  std::vector<std::string> allowed_recipients;
  BusinessProfile business_profile;
};

enum class CustomerState { kOnline, kOffline, kNotOnWhatsApp, kOldClient };
const char* CustomerStateName(CustomerState s);
std::optional<CustomerState> ParseCustomerState(const std::string& name);

// A WhatsApp user (consumer), global across businesses.
struct Customer {
  std::string wa_id;  // digits, e.g. "16505551234"
  std::string profile_name;
  CustomerState state = CustomerState::kOnline;
  bool auto_read = true;                 // reads delivered messages after a latency
  bool in_marketing_experiment = false;  // 130472
  // Meta (business-scoped-user-ids.mdx): an optional username; a user who
  // adopted one has phone number privacy ("" = none). Shown as set (Meta's
  // examples: "@pablomorales").
  std::string username;
  // BSUIDs set by the operator, by business portfolio id; the others are
  // derived (customers::BsuidOf).
  std::map<std::string, std::string> bsuid_by_business;
};

// How one business portfolio sees a customer at an instant (Meta:
// business-scoped-user-ids.mdx); customers::IdentityFor computes it.
struct UserIdentity {
  std::string user_id;        // BSUID; "" while BSUIDs are not shared
  std::string username;       // "" when the user has none
  std::string country_code;   // ISO 3166 alpha-2 of the user's number
  bool phone_hidden = false;  // wa_id/from are "" (username adopter, no 30-day send, number not saved)
};

// A customer's relation to one business phone number.
struct CustomerRelation {
  std::optional<TimeMs> last_inbound_at;   // opens/refreshes the 24 h window
  std::optional<TimeMs> last_referral_at;  // click-to-WhatsApp entry
  bool blocked_business = false;           // 131026
  bool marketing_opt_out = false;          // 131050
  // Start of the free entry point window the business opened by replying to a
  // click-to-WhatsApp referral (rules module; 72 h of free messages).
  std::optional<TimeMs> free_entry_point_started_at;
  // Meta (business-scoped-user-ids.mdx): the phone number of a username adopter
  // is still shared for 30 days after the business messaged it, or when the
  // user saved the business number in their WhatsApp contacts.
  std::optional<TimeMs> last_send_to_phone_at;
  bool saved_business_number = false;
  // When the business sent call permission requests (interactive or template)
  // to the user, oldest first; only those of the last 7 days matter
  // (messages/call_permission_limits.h).
  std::vector<TimeMs> call_permission_requests_at;
};

struct AccessToken {
  std::string token;
  std::string app_id;
  std::string type = "SYSTEM_USER";   // SYSTEM_USER | USER | BUSINESS_INTEGRATION
  std::vector<std::string> waba_ids;  // objects this token may touch
  std::optional<TimeMs> expires_at;   // nullopt: never expires
};

// Accounts: apps, businesses, WABAs, phone numbers, tokens.
struct Accounts {
  std::map<std::string, App> apps;
  std::map<std::string, Business> businesses;
  std::map<std::string, Waba> wabas;
  std::map<std::string, PhoneNumber> phone_numbers;
  std::map<std::string, AccessToken> tokens;

  const PhoneNumber* FindPhone(const std::string& id) const;
  PhoneNumber* FindPhone(const std::string& id);
  const Waba* FindWaba(const std::string& id) const;
  Waba* FindWaba(const std::string& id);
  const Business* BusinessOfWaba(const std::string& waba_id) const;
  Business* BusinessOfWaba(const std::string& waba_id);
};

struct Customers {
  std::map<std::string, Customer> by_wa_id;

  // Finds or creates (online, default name) the customer with this wa_id.
  Customer& Ensure(const std::string& wa_id);
  const Customer* Find(const std::string& wa_id) const;
  // Finds or creates the relation (the only way one is created).
  CustomerRelation& Relation(const std::string& phone_number_id, const std::string& wa_id);
  const CustomerRelation* FindRelation(const std::string& phone_number_id, const std::string& wa_id) const;
  // The customer's relations, by phone number id (indexed: no walk over everyone's).
  std::vector<std::pair<std::string, const CustomerRelation*>> RelationsOf(const std::string& wa_id) const;
  // The user behind `from` now has the number `to`: the customer and every
  // relation move to the new wa_id. REQUIRES: `from` exists, `to` does not.
  void Renumber(const std::string& from, const std::string& to);
  // Every relation by (phone_number_id, wa_id) (state export).
  const std::map<std::pair<std::string, std::string>, CustomerRelation>& relations() const {
    return relations_;
  }

 private:
  // (phone_number_id, wa_id) -> relation
  std::map<std::pair<std::string, std::string>, CustomerRelation> relations_;
  // wa_id -> the numbers it has a relation with
  std::map<std::string, std::set<std::string>> numbers_of_;
};

}  // namespace wasim
