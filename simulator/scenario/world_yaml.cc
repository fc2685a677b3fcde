#include "simulator/scenario/world_yaml.h"

#include "simulator/domain/customers/identity.h"
#include "simulator/domain/rules/rules_config_json.h"
#include "simulator/domain/templates/template_status.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/domain/world/phone_enums.h"
#include "simulator/scenario/business_app_yaml.h"

namespace wasim::scenario {
namespace {

// A Meta enum field ("quality_rating: YELLOW"): the error lists Meta's names.
template <class E>
void MetaEnumField(YamlReader& r, const YAML::Node& map, const std::string& key, std::optional<E>& out) {
  std::string s;
  if (r.Choice(map, key, MetaNames<E>(), s)) out = ParseMetaName<E>(s);
}

template <class T>
using Edit = std::function<void(T&)>;

template <class T>
Edit<T> Chain(std::vector<Edit<T>> edits) {
  return [edits = std::move(edits)](T& t) {
    for (const auto& e : edits) e(t);
  };
}

}  // namespace

const std::set<std::string>& WorldReader::Keys() {
  static const std::set<std::string> keys = {"base",   "include",       "apps",      "businesses",
                                             "wabas",  "phone_numbers", "customers", "templates",
                                             "tokens", "rules",         "receiver",  "unknown_recipients"};
  return keys;
}

WorldReader::WorldReader(bool base_default) {
  if (base_default) (void)DefaultWorld().ApplyTo(scratch_);
}

void WorldReader::Apply(YamlReader& r, const YAML::Node& at, const WorldBuilder& step, Scenario& out) {
  if (auto problem = step.ApplyTo(scratch_)) {
    r.Error(at, *problem);
    return;
  }
  out.world.Then(step);
}

bool WorldReader::FirstTime(YamlReader& r, const YAML::Node& entry, const std::string& kind,
                            const std::string& id) {
  auto [it, inserted] = seen_.emplace(kind + " " + id, r.Pos(entry));
  if (inserted) return true;
  r.Error(entry, "duplicate " + kind + " '" + id + "' (first at " + it->second.file + ":" +
                     std::to_string(it->second.line) + ")");
  return false;
}

void WorldReader::Read(YamlReader& r, const YAML::Node& world, Scenario& out) {
  if (!r.Mapping(world, "world", Keys())) return;
  if (world["apps"]) ReadApps(r, world["apps"], out);
  if (world["businesses"]) ReadBusinesses(r, world["businesses"], out);
  if (world["wabas"]) ReadWabas(r, world["wabas"], out);
  if (world["phone_numbers"]) ReadPhones(r, world["phone_numbers"], out);
  if (world["tokens"]) ReadTokens(r, world["tokens"], out);
  if (world["customers"]) ReadCustomers(r, world["customers"], out);
  if (world["templates"]) ReadTemplates(r, world["templates"], out);
  if (world["rules"]) ReadRules(r, world["rules"], out);
  if (world["receiver"]) ReadReceiver(r, world["receiver"], out);
  if (world["unknown_recipients"]) {
    std::string v;
    if (r.Choice(world, "unknown_recipients", {"on_whatsapp", "not_on_whatsapp"}, v))
      Apply(r, world["unknown_recipients"],
            WorldBuilder().EditConfig(
                [on = v == "on_whatsapp"](SimConfig& c) { c.unknown_recipients_on_whatsapp = on; }),
            out);
  }
}

void WorldReader::ReadApps(YamlReader& r, const YAML::Node& list, Scenario& out) {
  if (!r.Sequence(list, "apps")) return;
  for (const auto& e : list) {
    if (!r.Mapping(
            e, "app",
            {"id", "name", "secret", "webhook_url", "verify_token", "subscribed_fields", "webhook_version"}))
      continue;
    std::string id;
    if (!r.Require(e, "id", "app") || !r.String(e, "id", id) || !FirstTime(r, e, "app", id)) continue;
    std::vector<Edit<App>> edits;
    std::string s;
    std::vector<std::string> list_value;
    if (r.String(e, "name", s)) edits.push_back([s](App& a) { a.name = s; });
    if (r.String(e, "secret", s)) edits.push_back([s](App& a) { a.secret = s; });
    if (r.String(e, "webhook_url", s)) edits.push_back([s](App& a) { a.callback_url = s; });
    if (r.String(e, "verify_token", s)) edits.push_back([s](App& a) { a.verify_token = s; });
    if (r.String(e, "webhook_version", s)) edits.push_back([s](App& a) { a.webhook_api_version = s; });
    if (r.StringList(e, "subscribed_fields", list_value))
      edits.push_back([list_value](App& a) { a.subscribed_fields = list_value; });
    auto edit = Chain(std::move(edits));
    WorldBuilder step;
    if (scratch_.accounts.apps.count(id)) {
      step.EditApp(id, edit);
    } else {
      App a;
      a.id = id;
      a.name = "App " + id;
      edit(a);
      step.Add(a);
    }
    Apply(r, e, step, out);
  }
}

void WorldReader::ReadBusinesses(YamlReader& r, const YAML::Node& list, Scenario& out) {
  if (!r.Sequence(list, "businesses")) return;
  for (const auto& e : list) {
    if (!r.Mapping(e, "business", {"id", "name", "verified", "payment_method_ok", "messaging_limit"}))
      continue;
    std::string id;
    if (!r.Require(e, "id", "business") || !r.String(e, "id", id) || !FirstTime(r, e, "business", id))
      continue;
    std::vector<Edit<Business>> edits;
    std::string s;
    bool b = false;
    long n = 0;
    if (r.String(e, "name", s)) edits.push_back([s](Business& x) { x.name = s; });
    if (r.Bool(e, "verified", b)) edits.push_back([b](Business& x) { x.verified = b; });
    if (r.Bool(e, "payment_method_ok", b)) edits.push_back([b](Business& x) { x.payment_method_ok = b; });
    if (r.Long(e, "messaging_limit", n)) edits.push_back([n](Business& x) { x.messaging_limit = n; });
    auto edit = Chain(std::move(edits));
    WorldBuilder step;
    if (scratch_.accounts.businesses.count(id)) {
      step.EditBusiness(id, edit);
    } else {
      Business x;
      x.id = id;
      x.name = "Business " + id;
      edit(x);
      step.Add(x);
    }
    Apply(r, e, step, out);
  }
}

void WorldReader::ReadWabas(YamlReader& r, const YAML::Node& list, Scenario& out) {
  if (!r.Sequence(list, "wabas")) return;
  for (const auto& e : list) {
    if (!r.Mapping(e, "waba",
                   {"id", "name", "business_id", "locked", "policy_blocked", "subscribed_apps",
                    "restricted_calling_codes", "account_review_status", "ban_state", "purchase_order_number",
                    "is_enabled_for_insights"}))
      continue;
    std::string id;
    if (!r.Require(e, "id", "waba") || !r.String(e, "id", id) || !FirstTime(r, e, "waba", id)) continue;
    std::vector<Edit<Waba>> edits;
    std::string s, business;
    bool b = false;
    std::vector<std::string> l;
    if (r.String(e, "name", s)) edits.push_back([s](Waba& x) { x.name = s; });
    r.String(e, "business_id", business);
    if (r.Bool(e, "locked", b)) edits.push_back([b](Waba& x) { x.locked = b; });
    if (r.Bool(e, "policy_blocked", b)) edits.push_back([b](Waba& x) { x.policy_blocked = b; });
    if (r.String(e, "purchase_order_number", s))
      edits.push_back([s](Waba& x) { x.purchase_order_number = s; });
    if (r.Bool(e, "is_enabled_for_insights", b))
      edits.push_back([b](Waba& x) { x.is_enabled_for_insights = b; });
    if (r.StringList(e, "subscribed_apps", l)) edits.push_back([l](Waba& x) { x.subscribed_app_ids = l; });
    if (r.StringList(e, "restricted_calling_codes", l))
      edits.push_back([l](Waba& x) { x.restricted_calling_codes = l; });
    // Meta's WABA review decisions and waba_ban_state values (account webhooks).
    if (r.String(e, "account_review_status", s)) {
      if (s == "APPROVED" || s == "REJECTED" || s == "PENDING" || s == "DEFERRED")
        edits.push_back([s](Waba& x) { x.account_review_status = s; });
      else
        r.Error(e["account_review_status"],
                "account_review_status must be APPROVED, REJECTED, PENDING or DEFERRED");
    }
    if (r.String(e, "ban_state", s)) {
      if (s == "DISABLE" || s == "REINSTATE" || s == "SCHEDULE_FOR_DISABLE")
        edits.push_back([s](Waba& x) { x.ban_state = s; });
      else
        r.Error(e["ban_state"], "ban_state must be DISABLE, REINSTATE or SCHEDULE_FOR_DISABLE");
    }
    auto edit = Chain(std::move(edits));
    WorldBuilder step;
    if (scratch_.accounts.wabas.count(id)) {
      if (!business.empty() && business != scratch_.accounts.wabas.at(id).business_id)
        r.Error(e["business_id"], "waba " + id + " belongs to business " +
                                      scratch_.accounts.wabas.at(id).business_id + "; it cannot move");
      step.EditWaba(id, edit);
    } else {
      if (!r.Require(e, "business_id", "waba")) continue;
      Waba x;
      x.id = id;
      x.name = "WABA " + id;
      x.business_id = business;
      edit(x);
      step.Add(x);
    }
    Apply(r, e, step, out);
  }
}

void WorldReader::ReadPhones(YamlReader& r, const YAML::Node& list, Scenario& out) {
  if (!r.Sequence(list, "phone_numbers")) return;
  for (const auto& e : list) {
    if (!r.Mapping(
            e, "phone_number",
            {"id", "waba_id", "display_phone_number", "verified_name", "mode", "registered", "name_status",
             "quality_rating", "throughput_level", "status", "is_test_number", "allowed_recipients",
             "business_app", "code_verification_status", "pin", "undelivered_code_methods"}))
      continue;
    std::string id;
    if (!r.Require(e, "id", "phone_number") || !r.String(e, "id", id) || !FirstTime(r, e, "phone_number", id))
      continue;
    std::vector<Edit<PhoneNumber>> edits;
    std::string s, waba;
    bool b = false;
    std::vector<std::string> l;
    r.String(e, "waba_id", waba);
    if (r.String(e, "display_phone_number", s))
      edits.push_back([s](PhoneNumber& p) { p.display_phone_number = s; });
    if (r.String(e, "verified_name", s)) edits.push_back([s](PhoneNumber& p) { p.verified_name = s; });
    if (r.Choice(e, "mode", {"cloud", "coexistence"}, s))
      edits.push_back(
          [s](PhoneNumber& p) { p.mode = s == "cloud" ? NumberMode::kCloud : NumberMode::kCoexistence; });
    if (r.Bool(e, "registered", b)) edits.push_back([b](PhoneNumber& p) { p.registered = b; });
    if (r.Bool(e, "is_test_number", b)) edits.push_back([b](PhoneNumber& p) { p.is_test_number = b; });
    if (r.StringList(e, "allowed_recipients", l))
      edits.push_back([l](PhoneNumber& p) { p.allowed_recipients = l; });
    if (e["business_app"])
      if (auto app = ReadBusinessApp(r, e["business_app"]))
        edits.push_back([a = *app](PhoneNumber& p) { p.business_app = a; });
    if (r.String(e, "pin", s)) {
      if (s.size() != 6 || s.find_first_not_of("0123456789") != std::string::npos)
        r.Error(e["pin"], "'pin': a two-step verification PIN is 6 digits (quote it)");
      edits.push_back([s](PhoneNumber& p) { p.pin = s; });
    }
    if (r.StringList(e, "undelivered_code_methods", l)) {
      for (const auto& m : l)
        if (m != "SMS" && m != "VOICE")
          r.Error(e["undelivered_code_methods"], "'undelivered_code_methods': SMS or VOICE");
      edits.push_back([l](PhoneNumber& p) { p.undelivered_code_methods = l; });
    }
    std::optional<CodeVerificationStatus> verification;
    MetaEnumField(r, e, "code_verification_status", verification);
    if (verification)
      edits.push_back([v = *verification](PhoneNumber& p) { p.code_verification_status = v; });
    std::optional<NameStatus> name_status;
    std::optional<QualityRating> quality;
    std::optional<ThroughputLevel> throughput;
    std::optional<PhoneStatus> status;
    MetaEnumField(r, e, "name_status", name_status);
    MetaEnumField(r, e, "quality_rating", quality);
    MetaEnumField(r, e, "throughput_level", throughput);
    MetaEnumField(r, e, "status", status);
    if (name_status) edits.push_back([v = *name_status](PhoneNumber& p) { p.name_status = v; });
    if (quality) edits.push_back([v = *quality](PhoneNumber& p) { p.quality_rating = v; });
    if (throughput) edits.push_back([v = *throughput](PhoneNumber& p) { p.throughput_level = v; });
    if (status) edits.push_back([v = *status](PhoneNumber& p) { p.status = v; });
    auto edit = Chain(std::move(edits));
    WorldBuilder step;
    if (const PhoneNumber* existing = scratch_.accounts.FindPhone(id)) {
      if (!waba.empty() && waba != existing->waba_id)
        r.Error(e["waba_id"],
                "phone_number " + id + " belongs to waba " + existing->waba_id + "; it cannot move");
      step.EditPhone(id, edit);
    } else {
      if (!r.Require(e, "waba_id", "phone_number")) continue;
      PhoneNumber p;
      p.id = id;
      p.waba_id = waba;
      p.display_phone_number = id;
      p.verified_name = "Business " + id;
      edit(p);
      step.Add(p);
    }
    Apply(r, e, step, out);
  }
}

void WorldReader::ReadTokens(YamlReader& r, const YAML::Node& list, Scenario& out) {
  if (!r.Sequence(list, "tokens")) return;
  for (const auto& e : list) {
    if (!r.Mapping(e, "token", {"token", "app_id", "waba_ids", "type"})) continue;
    AccessToken t;
    if (!r.Require(e, "token", "token") || !r.String(e, "token", t.token) ||
        !FirstTime(r, e, "token", t.token))
      continue;
    if (!r.Require(e, "app_id", "token") || !r.String(e, "app_id", t.app_id)) continue;
    r.StringList(e, "waba_ids", t.waba_ids);
    r.Choice(e, "type", {"SYSTEM_USER", "USER", "BUSINESS_INTEGRATION"}, t.type);
    Apply(r, e, WorldBuilder().Add(t), out);
  }
}

namespace {

// A customer's `bsuids`: business portfolio id -> BSUID (Meta's form).
std::map<std::string, std::string> ReadBsuids(YamlReader& r, const YAML::Node& customer) {
  std::map<std::string, std::string> out;
  YAML::Node m = customer["bsuids"];
  if (!m) return out;
  if (!m.IsMap()) {
    r.Error(m, "bsuids must map business ids to BSUIDs, e.g. {\"b1\": US.13491208655302741918}");
    return out;
  }
  for (const auto& kv : m) {
    std::string business = kv.first.as<std::string>();
    std::string bsuid = kv.second.IsScalar() ? kv.second.as<std::string>() : "";
    if (customers::IsValidBsuid(bsuid))
      out[business] = bsuid;
    else
      r.Error(kv.second,
              "bsuids." + business +
                  " must be an ISO country code, '.', then letters or digits, e.g. US.13491208655302741918");
  }
  return out;
}

}  // namespace

void WorldReader::ReadCustomers(YamlReader& r, const YAML::Node& list, Scenario& out) {
  if (!r.Sequence(list, "customers")) return;
  for (const auto& e : list) {
    if (!r.Mapping(e, "customer",
                   {"wa_id", "profile_name", "state", "auto_read", "in_marketing_experiment", "username",
                    "bsuids", "relations"}))
      continue;
    std::string wa_id;
    if (!r.Require(e, "wa_id", "customer") || !r.String(e, "wa_id", wa_id) ||
        !FirstTime(r, e, "customer", wa_id))
      continue;
    std::vector<Edit<Customer>> edits;
    std::string s;
    bool b = false;
    if (r.String(e, "profile_name", s)) edits.push_back([s](Customer& c) { c.profile_name = s; });
    if (r.Choice(e, "state", {"online", "offline", "not_on_whatsapp", "old_client"}, s))
      edits.push_back([st = *ParseCustomerState(s)](Customer& c) { c.state = st; });
    if (r.Bool(e, "auto_read", b)) edits.push_back([b](Customer& c) { c.auto_read = b; });
    if (r.Bool(e, "in_marketing_experiment", b))
      edits.push_back([b](Customer& c) { c.in_marketing_experiment = b; });
    if (r.String(e, "username", s)) {
      if (customers::IsValidUserUsername(s))
        edits.push_back([s](Customer& c) { c.username = s; });
      else
        r.Error(e["username"], "username must be 1 to 36 characters without spaces, e.g. @pablomorales");
    }
    if (auto bsuids = ReadBsuids(r, e); !bsuids.empty())
      edits.push_back([bsuids](Customer& c) { c.bsuid_by_business = bsuids; });
    auto edit = Chain(std::move(edits));
    WorldBuilder step;
    if (scratch_.customers.Find(wa_id)) {
      step.EditCustomer(wa_id, edit);
    } else {
      Customer c;
      c.wa_id = wa_id;
      edit(c);
      step.Add(c);
    }
    if (YAML::Node rels = e["relations"]; rels && r.Sequence(rels, "relations")) {
      for (const auto& rel : rels) {
        if (!r.Mapping(rel, "relation",
                       {"phone_number_id", "blocked_business", "marketing_opt_out", "saved_business_number"}))
          continue;
        std::string phone;
        if (!r.Require(rel, "phone_number_id", "relation") || !r.String(rel, "phone_number_id", phone))
          continue;
        CustomerRelation relation;
        r.Bool(rel, "blocked_business", relation.blocked_business);
        r.Bool(rel, "marketing_opt_out", relation.marketing_opt_out);
        r.Bool(rel, "saved_business_number", relation.saved_business_number);
        step.Relate(phone, wa_id, relation);
      }
    }
    Apply(r, e, step, out);
  }
}

void WorldReader::ReadTemplates(YamlReader& r, const YAML::Node& list, Scenario& out) {
  if (!r.Sequence(list, "templates")) return;
  for (const auto& e : list) {
    if (!r.Mapping(
            e, "template",
            {"id", "waba_id", "name", "language", "category", "status", "components", "parameter_format"}))
      continue;
    MessageTemplate t;
    if (!r.Require(e, "id", "template") || !r.String(e, "id", t.id) || !FirstTime(r, e, "template", t.id))
      continue;
    bool ok = r.Require(e, "waba_id", "template") && r.String(e, "waba_id", t.waba_id);
    ok = r.Require(e, "name", "template") && r.String(e, "name", t.name) && ok;
    ok = r.Require(e, "category", "template") &&
         r.Choice(e, "category", {"MARKETING", "UTILITY", "AUTHENTICATION"}, t.category) && ok;
    t.language = "en_US";
    r.String(e, "language", t.language);
    r.Choice(e, "parameter_format", {"POSITIONAL", "NAMED"}, t.parameter_format);
    // PENDING needs a review on the timeline: create the template through the
    // Graph API in a step instead.
    std::string status = "APPROVED";
    if (r.Choice(e, "status", {"APPROVED", "REJECTED", "PAUSED", "DISABLED"}, status))
      t.status.state = *ParseTemplateStatus(status);
    else
      t.status.state = TemplateStatus::kApproved;
    if (YAML::Node c = e["components"]) {
      auto j = r.ToJson(c);
      if (!j || !j->is_array()) {
        if (j) r.Error(c, "'components': expected a list of Meta's template components");
        ok = false;
      } else {
        t.components = *j;
      }
    }
    if (!ok) continue;
    Apply(r, e, WorldBuilder().Add(t), out);
  }
}

void WorldReader::ReadRules(YamlReader& r, const YAML::Node& rules, Scenario& out) {
  auto patch = r.ToJson(rules);
  if (!patch) return;
  std::string error;
  rules::RulesConfig probe = scratch_.config.rules;
  if (!rules::PatchRulesConfig(probe, *patch, &error)) {
    r.Error(rules, "rules: " + error);
    return;
  }
  Json p = *patch;
  Apply(r, rules, WorldBuilder().EditConfig([p](SimConfig& c) {
    std::string ignored;
    (void)rules::PatchRulesConfig(c.rules, p, &ignored);
  }),
        out);
}

void WorldReader::ReadReceiver(YamlReader& r, const YAML::Node& receiver, Scenario& out) {
  if (!r.Mapping(receiver, "receiver", {"outages"})) return;
  YAML::Node list = receiver["outages"];
  if (!list || !r.Sequence(list, "outages")) return;
  for (const auto& e : list) {
    if (!r.Mapping(e, "outage", {"from", "until", "status"})) continue;
    ReceiverOutage o;
    long status = 503;
    r.Duration(e, "from", o.from);
    if (!r.Require(e, "until", "outage") || !r.Duration(e, "until", o.until)) continue;
    if (r.Long(e, "status", status) && status != 0 && (status < 300 || status > 599))
      r.Error(e["status"], "'status': expected an HTTP error status 300..599, or 0 for no answer");
    o.status = static_cast<int>(status);
    if (o.until <= o.from) r.Error(e, "outage: 'until' must be after 'from'");
    out.receiver_outages.push_back(o);
  }
}

}  // namespace wasim::scenario
