#include "simulator/domain/accounts/health_status.h"

namespace wasim::accounts {
namespace {

// One entity: {"entity_type","id","can_send_message"[,...]} plus
// additional_info (LIMITED) or errors (BLOCKED).
struct HealthEntity {
  std::string type;
  std::string id;
  std::string status = "AVAILABLE";
  bool reports_sip =
      false;  // can_receive_call_sip: PHONE_NUMBER, APP (and MESSAGE_TEMPLATE in Meta's example)
  std::vector<std::string> additional_info;
  Json errors = Json::array();

  void Limit(const std::string& info) {
    if (status == "AVAILABLE") status = "LIMITED";
    additional_info.push_back(info);
  }
  void Block(int code, const std::string& description, const std::string& solution) {
    status = "BLOCKED";
    errors.push_back(
        {{"error_code", code}, {"error_description", description}, {"possible_solution", solution}});
  }
  Json ToJson() const {
    Json j;
    j["entity_type"] = type;
    j["id"] = id;
    j["can_send_message"] = status;
    // Assumption: wasim has no calling/SIP; reported as in Meta's default example.
    if (reports_sip) j["can_receive_call_sip"] = "AVAILABLE";
    if (status == "LIMITED") j["additional_info"] = additional_info;
    if (status == "BLOCKED") j["errors"] = errors;
    return j;
  }
};

HealthEntity HealthWabaEntity(const Waba& w, TimeMs now) {
  HealthEntity e{"WABA", w.id};
  // Assumptions (Meta documents the shape, not these causes): what blocks
  // sends in wasim's rules blocks the WABA entity, with the code a send gets.
  if (w.account_review_status != "APPROVED")
    e.Block(131031, "The WhatsApp Business Account has not been approved.",
            "Wait for the account review or appeal its decision.");
  if (w.locked || w.ban_state == "DISABLE" || w.policy_blocked)
    e.Block(131031, "Business Account locked", "Contact WhatsApp support to appeal the decision.");
  if (w.messages_blocked_until && now < *w.messages_blocked_until)
    e.Block(131031, "The WhatsApp Business Account is restricted from sending messages.",
            "Wait until the restriction ends.");
  else if (w.templates_blocked_until && now < *w.templates_blocked_until)
    e.Limit("The WhatsApp Business Account is restricted from sending template messages until " +
            FormatIso8601(*w.templates_blocked_until) + ".");
  return e;
}

HealthEntity HealthBusinessEntity(const Business* b, const std::string& id) {
  HealthEntity e{"BUSINESS", id};
  // Assumption: a failing payment method (131042 on template sends) limits the portfolio.
  if (b && !b->payment_method_ok)
    e.Limit(
        "There is an issue with the payment method of this business portfolio. Template messages "
        "will fail until it is fixed.");
  return e;
}

HealthEntity HealthAppEntity(const std::string& app_id) {
  HealthEntity e{"APP", app_id};
  e.reports_sip = true;
  return e;
}

HealthEntity HealthPhoneEntity(const PhoneNumber& p) {
  HealthEntity e{"PHONE_NUMBER", p.id};
  e.reports_sip = true;
  // Assumption: an unregistered number fails sends with 133010.
  if (!p.registered || p.deleted)
    e.Block(133010, "Account not registered",
            "Register the business phone number (POST /{PHONE_NUMBER_ID}/register).");
  // Meta's LIMITED example, verbatim.
  if (p.name_status != NameStatus::kApproved && p.name_status != NameStatus::kAvailableWithoutReview)
    e.Limit(
        "Your display name has not been approved yet. Your message limit will increase after the display "
        "name "
        "is approved.");
  return e;
}

HealthEntity HealthTemplateEntity(const MessageTemplate& t) {
  HealthEntity e{"MESSAGE_TEMPLATE", t.id};
  e.reports_sip = true;  // as in Meta's blocked-template example
  // Meta's BLOCKED example (a pending template), verbatim.
  if (t.status.state != TemplateStatus::kApproved)
    e.Block(141002, "Message templates can only be sent out if they are approved.",
            "Edit or appeal the message template review decision.");
  return e;
}

Json HealthSummary(const std::vector<HealthEntity>& entities) {
  std::string overall = "AVAILABLE";
  Json list = Json::array();
  for (const auto& e : entities) {
    if (e.status == "BLOCKED") overall = "BLOCKED";
    if (e.status == "LIMITED" && overall == "AVAILABLE") overall = "LIMITED";
    list.push_back(e.ToJson());
  }
  return {{"can_send_message", overall}, {"entities", list}};
}

std::vector<HealthEntity> HealthAccountEntities(const SimState& s, const Waba& w, const std::string& app_id,
                                                TimeMs now) {
  return {HealthWabaEntity(w, now), HealthBusinessEntity(s.accounts.BusinessOfWaba(w.id), w.business_id),
          HealthAppEntity(app_id)};
}

}  // namespace

Json PhoneHealthStatus(const SimState& s, const PhoneNumber& p, const std::string& app_id, TimeMs now) {
  std::vector<HealthEntity> all = {HealthPhoneEntity(p)};
  if (const Waba* w = s.accounts.FindWaba(p.waba_id))
    for (auto& e : HealthAccountEntities(s, *w, app_id, now)) all.push_back(std::move(e));
  return HealthSummary(all);
}

Json WabaHealthStatus(const SimState& s, const Waba& w, const std::string& app_id, TimeMs now) {
  return HealthSummary(HealthAccountEntities(s, w, app_id, now));
}

Json TemplateHealthStatus(const SimState& s, const MessageTemplate& t, const std::string& app_id,
                          TimeMs now) {
  std::vector<HealthEntity> all = {HealthTemplateEntity(t)};
  if (const Waba* w = s.accounts.FindWaba(t.waba_id))
    for (auto& e : HealthAccountEntities(s, *w, app_id, now)) all.push_back(std::move(e));
  return HealthSummary(all);
}

}  // namespace wasim::accounts
