// Webhook payloads exactly as Meta shapes them: the envelope
//   {"object":"whatsapp_business_account","entry":[{"id":WABA,["time":N,]"changes":[{"value":{...},"field":F}]}]}
// and the `value` objects of the `messages` field (inbound messages and
// statuses) and of management fields. Field names, order and JSON types follow
// Meta's webhook reference pages and the OpenAPI `/whatsapp/webhooks` examples
// (see fixtures/webhooks/README.md). Pure functions; no state.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/domain/facts/facts.h"

namespace wasim::webhooks {

constexpr const char* kMessagesField = "messages";

// The business number a `messages` value is about (value.metadata).
struct PhoneMeta {
  std::string display_phone_number;
  std::string phone_number_id;
};

// One change of an entry.
struct Change {
  std::string field;
  Json value;
};

// Management changes whose value depends on the receiving app's webhook
// version or on when they happened (fields Meta removed in February 2026):
// kept as data and rendered per target, like statuses.
struct CapabilityChange {
  long limit = 0;  // the portfolio's new messaging limit (rules::kUnlimited = -1)
};
struct LimitQualityChange {
  std::string display_phone_number;
  long old_limit = 0;
  long new_limit = 0;
};

// One webhook change Meta sends because of a fact: its field and WABA, the key
// it is ordered by per target (the customer's wa_id; management changes share
// one key per WABA) and what its `value` is rendered from.
struct WebhookEvent {
  std::string waba_id;
  std::string field;
  std::string ordering_key;
  std::string wamid;            // "" for management fields
  std::string phone_number_id;  // the business number of a `messages` change
  TimeMs at = 0;
  // Statuses, inbound messages and the limit changes are rendered per target
  // (its webhook version); a Json value is the same for every version.
  std::variant<StatusChanged, InboundReceived, CapabilityChange, LimitQualityChange, ThroughputUpgraded, Json>
      source;
};

// The webhook changes a fact causes (none for most facts; one per WABA and
// per number for a messaging-limit change).
std::vector<WebhookEvent> WebhookEventsOf(const Fact& fact);

// value of a status update, rendered for an app on `api_version`.
Json StatusValue(const StatusChanged& e, TimeMs at, const PhoneMeta& meta, const std::string& api_version);
// value of an inbound message.
Json InboundValue(const InboundReceived& e, TimeMs at, const PhoneMeta& meta);
// value of a change for a target on `api_version`.
Json RenderValue(const WebhookEvent& e, const PhoneMeta& meta, const std::string& api_version);

// Management values, as Meta's webhook reference pages shape them.
Json TemplateStatusValue(const TemplateStatusChanged& f, TimeMs at);
Json TemplateQualityValue(const TemplateQualityChanged& f);
Json TemplateCategoryValue(const TemplateCategoryChanged& f);
// Meta removed the legacy limit fields (current_limit, old_limit,
// max_daily_conversation_per_phone) "in February, 2026"; a change at or after
// this instant is rendered without them. Assumption: the 1st, 00:00 UTC.
constexpr TimeMs kLegacyLimitFieldsRemovedAt = 1769904000000;  // 2026-02-01T00:00:00Z
// Meta (changelog, October 8, 2025): messaging limits became per business
// portfolio, named by max_daily_conversations_per_business (v24.0 released the
// same day). Changes before it are rendered as Meta's earlier examples show.
constexpr TimeMs kPortfolioLimitsAt = 1759881600000;  // 2025-10-08T00:00:00Z
Json CapabilityValue(const CapabilityChange& c, TimeMs at, const std::string& api_version);
Json LimitQualityValue(const LimitQualityChange& c, TimeMs at);
Json ThroughputUpgradeValue(const ThroughputUpgraded& f, TimeMs at);
Json PhoneNameValue(const PhoneNameDecided& f);
Json PhoneUsernameValue(const PhoneUsernameDecided& f);
Json SecurityValue(const TwoStepSecurityEvent& f);

// Coexistence values (coexistence_payloads.cc).
Json ContactsSyncValue(const BusinessAppContactsSynced& f, TimeMs at);
Json HistoryValue(const BusinessAppHistorySynced& f);
Json EchoValue(const BusinessAppEchoed& f, TimeMs at);
Json PartnerValue(const PartnerChanged& f);
// Whether Meta's envelope for `field` carries entry[].time.
bool EntryHasTime(const std::string& field);
// `at`: when the event happened (volume_tier_info.tier_update_time).
Json AccountUpdateValue(const AccountUpdated& f, TimeMs at = 0);
Json AccountReviewValue(const AccountReviewDecided& f);
Json AccountAlertValue(const AccountAlertRaised& f);

// Meta's envelope. `entry_time` is set for non-messages fields only
// (Meta: entry[].time appears on management fields, not on `messages`; their
// examples also list "entry" before "object", except account_alerts).
Json Envelope(const std::string& waba_id, const std::vector<Change>& changes,
              std::optional<TimeMs> entry_time);

}  // namespace wasim::webhooks
