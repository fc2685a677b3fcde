#include "simulator/domain/customers/identity.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "simulator/core/hmac.h"
#include "simulator/domain/messages/recipient.h"

namespace wasim::customers {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Calling code -> ISO 3166 alpha-2 for the countries most numbers come from.
// Assumption: a small table; shared codes (1, 7) map to their largest country.
constexpr std::array<std::pair<std::string_view, std::string_view>, 40> kIdentityCountries = {{
    {"1", "US"},   {"7", "RU"},   {"20", "EG"},  {"27", "ZA"},  {"30", "GR"},  {"31", "NL"}, {"32", "BE"},
    {"33", "FR"},  {"34", "ES"},  {"39", "IT"},  {"41", "CH"},  {"43", "AT"},  {"44", "GB"}, {"45", "DK"},
    {"46", "SE"},  {"47", "NO"},  {"48", "PL"},  {"49", "DE"},  {"51", "PE"},  {"52", "MX"}, {"54", "AR"},
    {"55", "BR"},  {"56", "CL"},  {"57", "CO"},  {"60", "MY"},  {"61", "AU"},  {"62", "ID"}, {"63", "PH"},
    {"65", "SG"},  {"81", "JP"},  {"82", "KR"},  {"86", "CN"},  {"90", "TR"},  {"91", "IN"}, {"92", "PK"},
    {"234", "NG"}, {"254", "KE"}, {"351", "PT"}, {"966", "SA"}, {"971", "AE"},
}};

}  // namespace

bool IsValidBsuid(const std::string& s) {
  // '.'-separated alphanumeric parts, the first letters only: US.1349...,
  // US.ENT.5678 (parent BSUID) and Meta's earlier example form user.9373...
  if (s.size() > kMaxBsuidLength) return false;
  size_t dot = s.find('.');
  if (dot == std::string::npos || dot < 2) return false;
  if (!std::all_of(s.begin(), s.begin() + dot,
                   [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
    return false;
  size_t start = dot + 1;
  while (true) {
    size_t end = s.find('.', start);
    if (end == std::string::npos) end = s.size();
    if (end == start || !std::all_of(s.begin() + start, s.begin() + end, IsAlnum)) return false;
    if (end == s.size()) return true;
    start = end + 1;
  }
}

bool LooksLikeBsuid(const std::string& s) { return s.find('.') != std::string::npos; }

bool IsValidUserUsername(const std::string& s) {
  if (s.empty() || s.size() > 36) return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

std::string CountryOfWaId(const std::string& wa_id) {
  std::string code = CallingCodeOf(wa_id);
  for (const auto& [calling, iso] : kIdentityCountries)
    if (calling == code) return std::string(iso);
  return "US";
}

std::string PortfolioOfPhone(const SimState& state, const std::string& phone_number_id) {
  const PhoneNumber* phone = state.accounts.FindPhone(phone_number_id);
  if (!phone) return "";
  if (const Business* b = state.accounts.BusinessOfWaba(phone->waba_id)) return b->id;
  return phone->waba_id;
}

std::string DerivedBsuid(const std::string& portfolio_id, const std::string& wa_id) {
  std::string hex = Sha256Hex("bsuid:" + portfolio_id + ":" + wa_id);
  std::string digits;
  for (size_t i = 0; digits.size() < 20; ++i) {
    int v = std::stoi(hex.substr(i * 2, 2), nullptr, 16);
    digits += static_cast<char>('0' + v % 10);
  }
  if (digits[0] == '0') digits[0] = '1';
  return CountryOfWaId(wa_id) + "." + digits;
}

std::string BsuidOf(const SimState& state, const std::string& portfolio_id, const std::string& wa_id) {
  if (const Customer* c = state.customers.Find(wa_id)) {
    auto it = c->bsuid_by_business.find(portfolio_id);
    if (it != c->bsuid_by_business.end()) return it->second;
  }
  return DerivedBsuid(portfolio_id, wa_id);
}

std::optional<std::string> FindByBsuid(const SimState& state, const std::string& portfolio_id,
                                       const std::string& bsuid) {
  for (const auto& [wa_id, c] : state.customers.by_wa_id)
    if (BsuidOf(state, portfolio_id, wa_id) == bsuid) return wa_id;
  return std::nullopt;
}

bool PhoneHidden(const SimState& state, const std::string& phone_number_id, const std::string& wa_id,
                 TimeMs now) {
  const Customer* c = state.customers.Find(wa_id);
  if (!c || c->username.empty()) return false;
  const CustomerRelation* rel = state.customers.FindRelation(phone_number_id, wa_id);
  if (!rel) return true;
  if (rel->saved_business_number) return false;
  return !(rel->last_send_to_phone_at && now - *rel->last_send_to_phone_at < kPhoneShareWindow);
}

UserIdentity IdentityFor(const SimState& state, const std::string& phone_number_id, const std::string& wa_id,
                         TimeMs now) {
  UserIdentity u;
  if (now < kBsuidsSharedFrom) return u;
  u.user_id = BsuidOf(state, PortfolioOfPhone(state, phone_number_id), wa_id);
  u.country_code = CountryOfWaId(wa_id);
  if (const Customer* c = state.customers.Find(wa_id)) u.username = c->username;
  u.phone_hidden = PhoneHidden(state, phone_number_id, wa_id, now);
  return u;
}

}  // namespace wasim::customers
