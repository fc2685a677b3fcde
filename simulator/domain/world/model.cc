#include "simulator/domain/world/model.h"

namespace wasim {

const char* CustomerStateName(CustomerState s) {
  switch (s) {
    case CustomerState::kOnline:
      return "online";
    case CustomerState::kOffline:
      return "offline";
    case CustomerState::kNotOnWhatsApp:
      return "not_on_whatsapp";
    case CustomerState::kOldClient:
      return "old_client";
  }
  return "online";
}

std::optional<CustomerState> ParseCustomerState(const std::string& name) {
  if (name == "online") return CustomerState::kOnline;
  if (name == "offline") return CustomerState::kOffline;
  if (name == "not_on_whatsapp") return CustomerState::kNotOnWhatsApp;
  if (name == "old_client") return CustomerState::kOldClient;
  return std::nullopt;
}

template <class M>
static auto* FindIn(M& m, const std::string& id) {
  auto it = m.find(id);
  return it == m.end() ? nullptr : &it->second;
}

const PhoneNumber* Accounts::FindPhone(const std::string& id) const { return FindIn(phone_numbers, id); }
PhoneNumber* Accounts::FindPhone(const std::string& id) { return FindIn(phone_numbers, id); }
const Waba* Accounts::FindWaba(const std::string& id) const { return FindIn(wabas, id); }
Waba* Accounts::FindWaba(const std::string& id) { return FindIn(wabas, id); }

const Business* Accounts::BusinessOfWaba(const std::string& waba_id) const {
  const Waba* w = FindWaba(waba_id);
  return w ? FindIn(businesses, w->business_id) : nullptr;
}
Business* Accounts::BusinessOfWaba(const std::string& waba_id) {
  Waba* w = FindWaba(waba_id);
  return w ? FindIn(businesses, w->business_id) : nullptr;
}

Customer& Customers::Ensure(const std::string& wa_id) {
  auto [it, inserted] = by_wa_id.try_emplace(wa_id);
  if (inserted) it->second.wa_id = wa_id;
  return it->second;
}

const Customer* Customers::Find(const std::string& wa_id) const { return FindIn(by_wa_id, wa_id); }

CustomerRelation& Customers::Relation(const std::string& phone_number_id, const std::string& wa_id) {
  auto [it, inserted] = relations_.try_emplace({phone_number_id, wa_id});
  if (inserted) numbers_of_[wa_id].insert(phone_number_id);
  return it->second;
}

const CustomerRelation* Customers::FindRelation(const std::string& phone_number_id,
                                                const std::string& wa_id) const {
  auto it = relations_.find({phone_number_id, wa_id});
  return it == relations_.end() ? nullptr : &it->second;
}

void Customers::Renumber(const std::string& from, const std::string& to) {
  auto node = by_wa_id.extract(from);
  node.key() = to;
  node.mapped().wa_id = to;
  by_wa_id.insert(std::move(node));
  auto numbers = numbers_of_.extract(from);
  if (numbers.empty()) return;
  for (const auto& phone : numbers.mapped()) {
    auto rel = relations_.extract({phone, from});
    rel.key() = {phone, to};
    relations_.insert(std::move(rel));
  }
  numbers.key() = to;
  numbers_of_.insert(std::move(numbers));
}

std::vector<std::pair<std::string, const CustomerRelation*>> Customers::RelationsOf(
    const std::string& wa_id) const {
  std::vector<std::pair<std::string, const CustomerRelation*>> out;
  auto numbers = numbers_of_.find(wa_id);
  if (numbers == numbers_of_.end()) return out;
  for (const auto& phone : numbers->second) out.emplace_back(phone, FindRelation(phone, wa_id));
  return out;
}

}  // namespace wasim
