// Management webhook values (and which facts cause which changes), rendered
// here only: domain code records facts, never Meta's JSON.
#include "simulator/core/graph_versions.h"
#include "simulator/core/variant_util.h"
#include "simulator/domain/rules/messaging_limit.h"
#include "simulator/webhooks/payloads.h"

namespace wasim::webhooks {
namespace {

template <typename Source>
WebhookEvent Management(const std::string& waba_id, const char* field, TimeMs at, Source value) {
  WebhookEvent e;
  e.waba_id = waba_id;
  e.field = field;
  e.ordering_key = "waba:" + waba_id;
  e.at = at;
  e.source = std::move(value);
  return e;
}

bool LegacyLimitFieldsLive(TimeMs at) { return at < kLegacyLimitFieldsRemovedAt; }
bool PortfolioLimitLive(TimeMs at) { return at >= kPortfolioLimitsAt; }

std::vector<WebhookEvent> LimitChangeEvents(const MessagingLimitChanged& f, TimeMs at) {
  std::vector<WebhookEvent> out;
  for (const auto& w : f.wabas) {
    out.push_back(Management(w.waba_id, "business_capability_update", at, CapabilityChange{f.new_limit}));
    for (const auto& p : w.phones)
      out.push_back(Management(w.waba_id, "phone_number_quality_update", at,
                               LimitQualityChange{p.display_phone_number, f.old_limit, f.new_limit}));
  }
  return out;
}

// Meta's template ids are numbers in these webhooks. A world file may name a
// template otherwise (any string): then it is sent as the string, never thrown.
Json TemplateIdJson(const std::string& id) {
  bool digits = !id.empty() && id.size() <= 18 && id.find_first_not_of("0123456789") == std::string::npos;
  return digits ? Json(std::stoll(id)) : Json(id);
}

}  // namespace

// Meta (webhooks/reference/message_template_status_update); the id is a number.
Json TemplateStatusValue(const TemplateStatusChanged& f, TimeMs at) {
  Json v;
  v["event"] = f.status;
  v["message_template_id"] = TemplateIdJson(f.template_id);
  v["message_template_name"] = f.name;
  // Assumption: the language as the template was created (en_US); Meta's
  // example shows "en-US" while captures show "en_US".
  v["message_template_language"] = f.language;
  v["reason"] = f.status == "REJECTED" ? f.reason : "NONE";
  v["message_template_category"] = f.category;
  if (f.status == "DISABLED") v["disable_info"] = {{"disable_date", UnixSeconds(at)}};
  if (f.status == "PAUSED")
    v["other_info"] = {
        {"title", "FIRST_PAUSE"},
        {"description", "Your WhatsApp message template has been paused because of low quality."}};
  if (f.status == "REJECTED" && f.rejection_info.is_object()) v["rejection_info"] = f.rejection_info;
  return v;
}

// Meta (webhooks/reference/message_template_quality_update); the id is a number.
Json TemplateQualityValue(const TemplateQualityChanged& f) {
  Json v;
  v["previous_quality_score"] = f.previous_score;
  v["new_quality_score"] = f.new_score;
  v["message_template_id"] = TemplateIdJson(f.template_id);
  v["message_template_name"] = f.name;
  v["message_template_language"] = f.language;
  return v;
}

// Meta (webhooks/reference/template_category_update): impending notifications
// carry the current category as new_category, the coming one as
// correct_category and when (Unix seconds); completed ones previous and new.
Json TemplateCategoryValue(const TemplateCategoryChanged& f) {
  Json v;
  v["message_template_id"] = TemplateIdJson(f.template_id);
  v["message_template_name"] = f.name;
  v["message_template_language"] = f.language;
  if (f.phase == "impending") {
    v["new_category"] = f.new_category;
    v["correct_category"] = f.correct_category;
    v["category_update_timestamp"] = UnixSeconds(f.update_at);
  } else {
    v["previous_category"] = f.previous_category;
    v["new_category"] = f.new_category;
  }
  return v;
}

// Meta (webhooks/reference/business_capability_update; messaging-limits.mdx):
// the new limit is `max_daily_conversations_per_business` (tier name) "for
// webhooks v24.0 and newer" and the numeric `max_daily_conversation_per_phone`
// (-1 unlimited) "for v23.0 and older, until February, 2026". Assumption: after
// the removal, v23.0 and older apps get the tier name too (else they would
// hear of no limit at all). max_phone_numbers_per_business only at 250, else
// max_phone_numbers_per_waba.
Json CapabilityValue(const CapabilityChange& c, TimeMs at, const std::string& api_version) {
  Json v;
  bool tier_name = GraphVersionHas(api_version, GraphFeature::kCapabilityLimitAsTierName);
  bool legacy = LegacyLimitFieldsLive(at) && (!PortfolioLimitLive(at) || !tier_name);
  if (legacy)
    v["max_daily_conversation_per_phone"] = c.limit;
  else
    v["max_daily_conversations_per_business"] = rules::MessagingLimitTierName(c.limit);
  if (c.limit == 250)
    v["max_phone_numbers_per_business"] = 2;
  else
    v["max_phone_numbers_per_waba"] = 25;
  return v;
}

// Meta (webhooks/reference/phone_number_quality_update): old_limit is only
// included for messaging limit changes; old_limit and current_limit "will be
// removed in February, 2026" (max_daily_conversations_per_business stays).
// Assumption: event "UPGRADE"/"DOWNGRADE" (Meta's older documented values; the
// current page lists only ONBOARDING and THROUGHPUT_UPGRADE).
Json LimitQualityValue(const LimitQualityChange& c, TimeMs at) {
  Json v;
  v["display_phone_number"] = c.display_phone_number;
  bool up =
      c.old_limit != rules::kUnlimited && (c.new_limit == rules::kUnlimited || c.new_limit > c.old_limit);
  v["event"] = up ? "UPGRADE" : "DOWNGRADE";
  if (LegacyLimitFieldsLive(at)) {
    v["old_limit"] = rules::MessagingLimitTierName(c.old_limit);
    v["current_limit"] = rules::MessagingLimitTierName(c.new_limit);
  }
  if (PortfolioLimitLive(at))
    v["max_daily_conversations_per_business"] = rules::MessagingLimitTierName(c.new_limit);
  return v;
}

// Meta (throughput.mdx, since the portfolio limits): after a throughput upgrade, phone_number_quality_update
// with event THROUGHPUT_UPGRADE and max_daily_conversations_per_business
// TIER_UNLIMITED; the reference example (before February 2026) also carries
// current_limit TIER_UNLIMITED.
Json ThroughputUpgradeValue(const ThroughputUpgraded& f, TimeMs at) {
  Json v;
  v["display_phone_number"] = f.display_phone_number;
  v["event"] = "THROUGHPUT_UPGRADE";
  if (LegacyLimitFieldsLive(at)) v["current_limit"] = "TIER_UNLIMITED";
  if (PortfolioLimitLive(at)) v["max_daily_conversations_per_business"] = "TIER_UNLIMITED";
  return v;
}

// Meta (webhooks/reference/phone_number_name_update): rejection_reason is null
// unless the name was rejected.
Json PhoneNameValue(const PhoneNameDecided& f) {
  Json v;
  v["display_phone_number"] = f.display_phone_number;
  v["decision"] = f.decision;
  v["requested_verified_name"] = f.requested_verified_name;
  v["rejection_reason"] = f.rejection_reason.empty() ? Json(nullptr) : Json(f.rejection_reason);
  return v;
}

// Meta (business-scoped-user-ids.mdx, phone_number_username_update):
// rejection_reasons only when the username was rejected.
Json PhoneUsernameValue(const PhoneUsernameDecided& f) {
  Json v;
  v["display_phone_number"] = f.display_phone_number;
  v["decision"] = f.decision;
  v["requested_username"] = f.requested_username;
  if (f.decision == "REJECTED") v["rejection_reasons"] = f.rejection_reasons;
  return v;
}

// Meta (webhooks/reference/security): `requester` only on PIN reset requests.
Json SecurityValue(const TwoStepSecurityEvent& f) {
  Json v;
  v["display_phone_number"] = f.display_phone_number;
  v["event"] = f.event;
  if (!f.requester.empty()) v["requester"] = f.requester;
  return v;
}

std::vector<WebhookEvent> WebhookEventsOf(const Fact& fact) {
  const TimeMs at = fact.at;
  return std::visit(
      Overloaded{
          [&](const StatusChanged& s) {
            return std::vector<WebhookEvent>{
                {s.waba_id, kMessagesField, "wa:" + s.recipient_id, s.wamid, s.phone_number_id, at, s}};
          },
          [&](const InboundReceived& i) {
            return std::vector<WebhookEvent>{
                {i.waba_id, kMessagesField, "wa:" + i.from, i.wamid, i.phone_number_id, at, i}};
          },
          [&](const TemplateStatusChanged& t) {
            return std::vector<WebhookEvent>{
                Management(t.waba_id, "message_template_status_update", at, TemplateStatusValue(t, at))};
          },
          [&](const TemplateCategoryChanged& t) {
            return std::vector<WebhookEvent>{
                Management(t.waba_id, "template_category_update", at, TemplateCategoryValue(t))};
          },
          [&](const TemplateQualityChanged& t) {
            return std::vector<WebhookEvent>{
                Management(t.waba_id, "message_template_quality_update", at, TemplateQualityValue(t))};
          },
          [&](const MessagingLimitChanged& l) { return LimitChangeEvents(l, at); },
          [&](const ThroughputUpgraded& t) {
            return std::vector<WebhookEvent>{Management(t.waba_id, "phone_number_quality_update", at, t)};
          },
          [&](const PhoneNameDecided& n) {
            return std::vector<WebhookEvent>{
                Management(n.waba_id, "phone_number_name_update", at, PhoneNameValue(n))};
          },
          [&](const PhoneUsernameDecided& n) {
            return std::vector<WebhookEvent>{
                Management(n.waba_id, "phone_number_username_update", at, PhoneUsernameValue(n))};
          },
          [&](const BusinessAppContactsSynced& c) {
            return std::vector<WebhookEvent>{
                Management(c.waba_id, "smb_app_state_sync", at, ContactsSyncValue(c, at))};
          },
          [&](const BusinessAppHistorySynced& h) {
            return std::vector<WebhookEvent>{Management(h.waba_id, "history", at, HistoryValue(h))};
          },
          [&](const BusinessAppEchoed& e) {
            return std::vector<WebhookEvent>{
                Management(e.waba_id, "smb_message_echoes", at, EchoValue(e, at))};
          },
          [&](const PartnerChanged& p) {
            return std::vector<WebhookEvent>{Management(p.waba_id, "account_update", at, PartnerValue(p))};
          },
          [&](const TwoStepSecurityEvent& e) {
            return std::vector<WebhookEvent>{Management(e.waba_id, "security", at, SecurityValue(e))};
          },
          [&](const AccountUpdated& a) {
            return std::vector<WebhookEvent>{
                Management(a.waba_id, "account_update", at, AccountUpdateValue(a, at))};
          },
          [&](const AccountAlertRaised& a) {
            return std::vector<WebhookEvent>{
                Management(a.waba_id, "account_alerts", at, AccountAlertValue(a))};
          },
          [&](const AccountReviewDecided& a) {
            return std::vector<WebhookEvent>{
                Management(a.waba_id, "account_review_update", at, AccountReviewValue(a))};
          },
          // Not a webhook: API calls, attempts, lifecycle moves, ...
          [](const auto&) { return std::vector<WebhookEvent>{}; },
      },
      fact.body);
}

Json RenderValue(const WebhookEvent& e, const PhoneMeta& meta, const std::string& api_version) {
  if (auto* s = std::get_if<StatusChanged>(&e.source)) return StatusValue(*s, e.at, meta, api_version);
  if (auto* i = std::get_if<InboundReceived>(&e.source)) return InboundValue(*i, e.at, meta);
  if (auto* c = std::get_if<CapabilityChange>(&e.source)) return CapabilityValue(*c, e.at, api_version);
  if (auto* q = std::get_if<LimitQualityChange>(&e.source)) return LimitQualityValue(*q, e.at);
  if (auto* t = std::get_if<ThroughputUpgraded>(&e.source)) return ThroughputUpgradeValue(*t, e.at);
  const Json& v = std::get<Json>(e.source);
  return v.is_null() ? Json::object() : v;
}

}  // namespace wasim::webhooks
