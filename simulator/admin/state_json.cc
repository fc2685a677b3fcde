#include "simulator/admin/state_json.h"

#include "simulator/admin/coexistence_admin.h"
#include "simulator/admin/customers_admin.h"
#include "simulator/core/error_render.h"
#include "simulator/domain/rules/messaging_limit.h"
#include "simulator/domain/rules/send_rules.h"

namespace wasim {

Json MessageJournalJson(const OutboundMessage& m) {
  Json j;
  j["id"] = m.wamid;
  j["phone_number_id"] = m.phone_number_id;
  j["to"] = m.wa_id;
  j["input"] = m.to_input;
  j["type"] = m.type;
  j["payload"] = m.payload;
  if (m.is_template) j["template_text"] = m.template_text;
  if (!m.biz_opaque_callback_data.empty()) j["biz_opaque_callback_data"] = m.biz_opaque_callback_data;
  if (!m.context_message_id.empty()) j["context_message_id"] = m.context_message_id;
  j["category"] = PricingCategoryName(m.category);
  j["pricing"] = {{"billable", m.pricing.billable},
                  {"type", m.pricing.type},
                  {"category", PricingCategoryName(m.pricing.category)}};
  j["accepted_at"] = FormatIso8601(m.accepted_at);
  j["status"] = MessageStatusName(m.current());
  Json history = Json::array();
  for (const auto& s : m.statuses) {
    Json h;
    h["status"] = MessageStatusName(s.status);
    h["at"] = FormatIso8601(s.at);
    if (s.error) h["error"] = RenderWebhookError(*s.error);
    history.push_back(h);
  }
  j["statuses"] = history;
  return j;
}

Json BusinessJson(const Business& b) {
  Json j;
  j["id"] = b.id;
  j["name"] = b.name;
  j["verified"] = b.verified;
  j["messaging_limit"] = b.messaging_limit;
  j["messaging_limit_tier"] = rules::MessagingLimitTierName(b.messaging_limit);
  j["payment_method_ok"] = b.payment_method_ok;
  return j;
}

Json WabaJson(const Waba& w) {
  Json j;
  j["id"] = w.id;
  j["name"] = w.name;
  j["business_id"] = w.business_id;
  j["locked"] = w.locked;
  j["policy_blocked"] = w.policy_blocked;
  j["restricted_calling_codes"] = w.restricted_calling_codes;
  j["account_review_status"] = w.account_review_status;
  j["ban_state"] = w.ban_state.empty() ? Json(nullptr) : Json(w.ban_state);
  j["templates_blocked_until"] =
      w.templates_blocked_until ? Json(FormatIso8601(*w.templates_blocked_until)) : Json(nullptr);
  j["messages_blocked_until"] =
      w.messages_blocked_until ? Json(FormatIso8601(*w.messages_blocked_until)) : Json(nullptr);
  return j;
}

Json NameReviewJson(const PhoneNumber& p) {
  const DisplayNameReview& r = p.name_review;
  Json j;
  j["pending"] = r.slot.pending != 0;
  j["is_edit"] = r.is_edit;
  j["new_display_name"] = r.new_display_name.empty() ? Json(nullptr) : Json(r.new_display_name);
  j["new_name_status"] = MetaName(r.new_name_status);
  j["decision"] = r.decision;
  j["reason"] = r.rejection_reason.empty() ? Json(nullptr) : Json(r.rejection_reason);
  j["decides_at"] = r.slot.pending && r.decides_at ? Json(FormatIso8601(*r.decides_at)) : Json(nullptr);
  j["delay"] = r.delay ? Json(FormatDuration(*r.delay)) : Json(nullptr);
  return j;
}

Json PhoneJson(const PhoneNumber& p, const SimState& s) {
  Json j;
  j["id"] = p.id;
  j["waba_id"] = p.waba_id;
  j["display_phone_number"] = p.display_phone_number;
  j["verified_name"] = p.verified_name;
  j["name_status"] = MetaName(p.name_status);
  j["name_review"] = NameReviewJson(p);
  j["quality_rating"] = MetaName(p.quality_rating);
  j["throughput_level"] = MetaName(p.throughput_level);
  j["throughput_mps"] = rules::ThroughputLimit(p, s.config.rules);
  j["mode"] = p.mode == NumberMode::kCoexistence ? "coexistence" : "cloud";
  j["registered"] = p.registered;
  j["deleted"] = p.deleted;
  j["is_test_number"] = p.is_test_number;
  j["allowed_recipients"] = p.allowed_recipients;
  if (p.mode == NumberMode::kCoexistence) j["business_app"] = BusinessAppJson(s, p);
  return j;
}

Json ExportState(const Ctx& ctx) {
  const SimState& s = ctx.state;
  Json out;
  out["now"] = FormatIso8601(ctx.clock.Now());
  Json apps = Json::array();
  for (const auto& [id, a] : s.accounts.apps) {
    Json j;
    j["id"] = a.id;
    j["name"] = a.name;
    j["webhook_api_version"] = a.webhook_api_version;
    j["callback_url"] = a.callback_url;
    j["subscribed_fields"] = a.subscribed_fields;
    apps.push_back(j);
  }
  out["apps"] = apps;
  Json businesses = Json::array();
  for (const auto& [id, b] : s.accounts.businesses) businesses.push_back(BusinessJson(b));
  out["businesses"] = businesses;
  Json wabas = Json::array();
  for (const auto& [id, w] : s.accounts.wabas) wabas.push_back(WabaJson(w));
  out["wabas"] = wabas;
  Json phones = Json::array();
  for (const auto& [id, p] : s.accounts.phone_numbers) phones.push_back(PhoneJson(p, s));
  out["phone_numbers"] = phones;
  Json customers = Json::array();
  for (const auto& [id, c] : s.customers.by_wa_id) customers.push_back(CustomerJson(ctx, c));
  out["customers"] = customers;
  Json templates = Json::array();
  for (const auto& [id, t] : s.templates.all()) {
    Json j;
    j["id"] = t.id;
    j["waba_id"] = t.waba_id;
    j["name"] = t.name;
    j["language"] = t.language;
    j["category"] = t.category;
    j["status"] = TemplateStatusName(t.status.state);
    templates.push_back(j);
  }
  out["templates"] = templates;
  out["counts"] = {{"outbound_messages", s.messages.size()},
                   {"media", s.media.by_id.size()},
                   {"scheduled_tasks", ctx.timeline.size()}};
  return out;
}

}  // namespace wasim
