#include "simulator/http/node_fields.h"

#include "simulator/core/ids.h"
#include "simulator/domain/messages/recipient.h"
#include "simulator/domain/rules/messaging_limit.h"

namespace wasim {

Result<Json> SelectFields(const Json& all, const std::string& fields,
                          const std::vector<std::string>& defaults, const char* node_type) {
  std::vector<std::string> wanted;
  if (fields.empty()) {
    wanted = defaults;
  } else {
    size_t i = 0;
    while (i <= fields.size()) {
      size_t j = fields.find(',', i);
      if (j == std::string::npos) j = fields.size();
      std::string f = fields.substr(i, j - i);
      while (!f.empty() && f.front() == ' ') f.erase(f.begin());
      while (!f.empty() && f.back() == ' ') f.pop_back();
      if (!f.empty()) wanted.push_back(f);
      i = j + 1;
    }
  }
  Json out = Json::object();
  for (const auto& f : wanted) {
    if (!all.contains(f)) return NonexistingFieldError(f, node_type);
    out[f] = all[f];
  }
  if (!out.contains("id") && all.contains("id")) out["id"] = all["id"];
  return out;
}

std::string FormatDisplayNumber(const std::string& d) {
  std::string cc = CallingCodeOf(d);
  std::string rest = d.substr(cc.size());
  if (cc == "1" && rest.size() == 10)
    return "+1 " + rest.substr(0, 3) + "-" + rest.substr(3, 3) + "-" + rest.substr(6);
  return "+" + cc + " " + rest;
}

std::string MessagingLimitTier(const SimState& s, const std::string& waba_id) {
  const Business* b = s.accounts.BusinessOfWaba(waba_id);
  return rules::MessagingLimitTierName(b ? b->messaging_limit : 250);
}

}  // namespace wasim
