#include "simulator/domain/world/world_builder.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "simulator/domain/customers/identity.h"

namespace wasim {

struct WorldBuilder::World {
  Accounts accounts;
  Customers customers;
  TemplateStore templates;
  SimConfig config;
};

namespace {

using Problem = std::optional<std::string>;

Problem Missing(const std::string& what, const std::string& id) {
  return what + " " + id + ": not in the world (add it first)";
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <class M>
auto* Lookup(M& m, const std::string& id) {
  auto it = m.find(id);
  return it == m.end() ? nullptr : &it->second;
}

Problem CheckWabaLinks(const Accounts& a, const Waba& w) {
  if (!a.businesses.count(w.business_id))
    return "waba " + w.id + ": business " + w.business_id + " does not exist";
  for (const auto& app : w.subscribed_app_ids)
    if (!a.apps.count(app)) return "waba " + w.id + ": subscribed app " + app + " does not exist";
  return std::nullopt;
}

Problem CheckTokenLinks(const Accounts& a, const AccessToken& t) {
  if (t.token.empty()) return std::string("access token: the token string is empty");
  if (!a.apps.count(t.app_id)) return "access token " + t.token + ": app " + t.app_id + " does not exist";
  for (const auto& w : t.waba_ids)
    if (!a.wabas.count(w)) return "access token " + t.token + ": waba " + w + " does not exist";
  return std::nullopt;
}

Problem CheckTemplateLinks(const Accounts& a, const TemplateStore& store, const MessageTemplate& t) {
  if (t.id.empty()) return std::string("template: the id is empty");
  if (!a.wabas.count(t.waba_id)) return "template " + t.id + ": waba " + t.waba_id + " does not exist";
  const MessageTemplate* same = store.Find(t.waba_id, t.name, t.language);
  if (same && same->id != t.id)
    return "template " + t.id + ": waba " + t.waba_id + " already has " + t.name + " in " + t.language +
           " (template " + same->id + ")";
  return std::nullopt;
}

// Meta (business-scoped-user-ids.mdx): a username names one user, and a BSUID
// one user within its business portfolio; a world that repeats either is
// refused (derived BSUIDs are distinct by construction).
Problem CheckIdentitiesUnique(const Customers& customers) {
  std::map<std::string, std::string> by_username;                       // lowercased -> wa_id
  std::map<std::pair<std::string, std::string>, std::string> by_bsuid;  // (portfolio, bsuid) -> wa_id
  for (const auto& [wa_id, c] : customers.by_wa_id) {
    if (!c.username.empty()) {
      std::string key = c.username;
      std::transform(key.begin(), key.end(), key.begin(), [](unsigned char ch) { return std::tolower(ch); });
      auto [it, fresh] = by_username.emplace(key, wa_id);
      if (!fresh)
        return "customer " + wa_id + ": username " + c.username + " is already customer " + it->second + "'s";
    }
    for (const auto& [portfolio, bsuid] : c.bsuid_by_business) {
      auto [it, fresh] = by_bsuid.emplace(std::make_pair(portfolio, bsuid), wa_id);
      if (!fresh)
        return "customer " + wa_id + ": BSUID " + bsuid + " in business " + portfolio +
               " is already customer " + it->second + "'s";
    }
  }
  // An operator's BSUID may not be one another customer has by derivation
  // (e.g. copied from a webhook); only portfolios with operator BSUIDs cost a hash.
  for (const auto& [key, owner] : by_bsuid)
    for (const auto& [wa_id, c] : customers.by_wa_id)
      if (wa_id != owner && !c.bsuid_by_business.count(key.first) &&
          customers::DerivedBsuid(key.first, wa_id) == key.second)
        return "customer " + owner + ": BSUID " + key.second + " in business " + key.first + " is customer " +
               wa_id + "'s (derived)";
  return std::nullopt;
}

// Runs `edit` on the object with `id` in `map`, refusing edits that change the
// id; `check` validates the edited object's links against the rest.
template <class T, class Check>
Problem EditIn(std::map<std::string, T>& map, const std::string& kind, const std::string& id,
               const std::function<void(T&)>& edit, std::string T::*id_field, Check check) {
  T* found = Lookup(map, id);
  if (!found) return Missing(kind, id);
  T copy = *found;
  edit(copy);
  if (copy.*id_field != id) return kind + " " + id + ": an edit may not change the id";
  if (auto p = check(copy)) return p;
  *found = std::move(copy);
  return std::nullopt;
}

}  // namespace

WorldBuilder& WorldBuilder::Push(Step step) {
  steps_.push_back(std::move(step));
  return *this;
}

WorldBuilder& WorldBuilder::Add(App app) {
  return Push([app = std::move(app)](World& w) -> Problem {
    if (app.id.empty()) return std::string("app: the id is empty");
    w.accounts.apps[app.id] = app;
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::Add(Business business) {
  return Push([b = std::move(business)](World& w) -> Problem {
    if (b.id.empty()) return std::string("business: the id is empty");
    w.accounts.businesses[b.id] = b;
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::Add(Waba waba) {
  return Push([waba = std::move(waba)](World& w) -> Problem {
    if (waba.id.empty()) return std::string("waba: the id is empty");
    if (!waba.phone_number_ids.empty())
      return "waba " + waba.id + ": phone_number_ids must be empty (add each number; it lists itself)";
    if (auto p = CheckWabaLinks(w.accounts, waba)) return p;
    Waba stored = waba;
    if (const Waba* old = w.accounts.FindWaba(waba.id)) stored.phone_number_ids = old->phone_number_ids;
    w.accounts.wabas[waba.id] = std::move(stored);
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::Add(PhoneNumber phone) {
  return Push([phone = std::move(phone)](World& w) -> Problem {
    if (phone.id.empty()) return std::string("phone_number: the id is empty");
    Waba* waba = w.accounts.FindWaba(phone.waba_id);
    if (!waba) return "phone_number " + phone.id + ": waba " + phone.waba_id + " does not exist";
    if (!AllDigits(phone.display_phone_number))
      return "phone_number " + phone.id + ": display_phone_number must be digits only, got \"" +
             phone.display_phone_number + "\"";
    if (const PhoneNumber* old = w.accounts.FindPhone(phone.id); old && old->waba_id != phone.waba_id)
      return "phone_number " + phone.id + ": already belongs to waba " + old->waba_id;
    auto& ids = waba->phone_number_ids;
    if (std::find(ids.begin(), ids.end(), phone.id) == ids.end()) ids.push_back(phone.id);
    w.accounts.phone_numbers[phone.id] = phone;
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::Add(AccessToken token) {
  return Push([token = std::move(token)](World& w) -> Problem {
    if (auto p = CheckTokenLinks(w.accounts, token)) return p;
    w.accounts.tokens[token.token] = token;
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::Add(Customer customer) {
  return Push([c = std::move(customer)](World& w) -> Problem {
    if (!AllDigits(c.wa_id)) return "customer \"" + c.wa_id + "\": wa_id must be digits only";
    w.customers.by_wa_id[c.wa_id] = c;
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::Add(MessageTemplate tmpl) {
  return Push([t = std::move(tmpl)](World& w) -> Problem {
    if (auto p = CheckTemplateLinks(w.accounts, w.templates, t)) return p;
    if (const MessageTemplate* old = w.templates.Get(t.id); old && old->waba_id != t.waba_id)
      return "template " + t.id + ": already belongs to waba " + old->waba_id;
    w.templates.Put(t);  // CheckTemplateLinks: its name and language are free
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::Relate(const std::string& phone_number_id, const std::string& wa_id,
                                   CustomerRelation relation) {
  return Push([=](World& w) -> Problem {
    if (!w.accounts.FindPhone(phone_number_id)) return Missing("phone_number", phone_number_id);
    if (!w.customers.Find(wa_id)) return Missing("customer", wa_id);
    w.customers.Relation(phone_number_id, wa_id) = relation;
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::EditApp(const std::string& id, std::function<void(App&)> edit) {
  return Push([=](World& w) {
    return EditIn(w.accounts.apps, "app", id, edit, &App::id, [](const App&) { return Problem(); });
  });
}

WorldBuilder& WorldBuilder::EditBusiness(const std::string& id, std::function<void(Business&)> edit) {
  return Push([=](World& w) {
    return EditIn(w.accounts.businesses, "business", id, edit, &Business::id,
                  [](const Business&) { return Problem(); });
  });
}

WorldBuilder& WorldBuilder::EditWaba(const std::string& id, std::function<void(Waba&)> edit) {
  return Push([=](World& w) {
    std::vector<std::string> numbers;
    if (const Waba* old = w.accounts.FindWaba(id)) numbers = old->phone_number_ids;
    return EditIn(w.accounts.wabas, "waba", id, edit, &Waba::id, [&](const Waba& edited) -> Problem {
      if (edited.phone_number_ids != numbers)
        return "waba " + id + ": an edit may not change phone_number_ids (add or edit the numbers)";
      return CheckWabaLinks(w.accounts, edited);
    });
  });
}

WorldBuilder& WorldBuilder::EditPhone(const std::string& id, std::function<void(PhoneNumber&)> edit) {
  return Push([=](World& w) {
    std::string waba;
    if (const PhoneNumber* old = w.accounts.FindPhone(id)) waba = old->waba_id;
    return EditIn(w.accounts.phone_numbers, "phone_number", id, edit, &PhoneNumber::id,
                  [&](const PhoneNumber& edited) -> Problem {
                    if (edited.waba_id != waba)
                      return "phone_number " + id + ": an edit may not move it to another waba";
                    return std::nullopt;
                  });
  });
}

WorldBuilder& WorldBuilder::EditCustomer(const std::string& wa_id, std::function<void(Customer&)> edit) {
  return Push([=](World& w) {
    return EditIn(w.customers.by_wa_id, "customer", wa_id, edit, &Customer::wa_id,
                  [](const Customer&) { return Problem(); });
  });
}

WorldBuilder& WorldBuilder::EditRelation(const std::string& phone_number_id, const std::string& wa_id,
                                         std::function<void(CustomerRelation&)> edit) {
  return Push([=](World& w) -> Problem {
    if (!w.accounts.FindPhone(phone_number_id)) return Missing("phone_number", phone_number_id);
    if (!w.customers.Find(wa_id)) return Missing("customer", wa_id);
    edit(w.customers.Relation(phone_number_id, wa_id));
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::EditTemplate(const std::string& id, std::function<void(MessageTemplate&)> edit) {
  return Push([=](World& w) -> Problem {
    const MessageTemplate* old = w.templates.Get(id);
    if (!old) return Missing("template", id);
    MessageTemplate copy = *old;
    edit(copy);
    if (copy.id != id) return "template " + id + ": an edit may not change the id";
    if (copy.waba_id != old->waba_id) return "template " + id + ": an edit may not move it to another waba";
    if (auto p = CheckTemplateLinks(w.accounts, w.templates, copy)) return p;
    w.templates.Put(std::move(copy));  // CheckTemplateLinks: its name and language are free
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::EditConfig(std::function<void(SimConfig&)> edit) {
  return Push([edit = std::move(edit)](World& w) -> Problem {
    edit(w.config);
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::RenameTokens(std::function<std::string(const std::string&)> rename) {
  return Push([rename = std::move(rename)](World& w) -> Problem {
    std::map<std::string, AccessToken> renamed;
    for (const auto& [old, token] : w.accounts.tokens) {
      AccessToken t = token;
      t.token = rename(old);
      if (t.token.empty()) return "token " + old + ": renamed to an empty token";
      if (!renamed.emplace(t.token, t).second) return "token " + old + ": renamed onto " + t.token + " twice";
    }
    w.accounts.tokens = std::move(renamed);
    return std::nullopt;
  });
}

WorldBuilder& WorldBuilder::Then(const WorldBuilder& more) {
  steps_.insert(steps_.end(), more.steps_.begin(), more.steps_.end());
  return *this;
}

std::optional<std::string> WorldBuilder::ApplyTo(SimState& state) const {
  // On copies, so a problem halfway leaves the state as it was.
  World w{state.accounts, state.customers, state.templates, state.config};
  for (const auto& step : steps_)
    if (auto problem = step(w)) return problem;
  if (auto problem = CheckIdentitiesUnique(w.customers)) return problem;
  state.accounts = std::move(w.accounts);
  state.customers = std::move(w.customers);
  state.templates = std::move(w.templates);
  state.config = std::move(w.config);
  return std::nullopt;
}

std::optional<std::string> WorldBuilder::Check() const {
  SimState scratch;
  return ApplyTo(scratch);
}

}  // namespace wasim
