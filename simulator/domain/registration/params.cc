#include "simulator/domain/registration/params.h"

namespace wasim::registration {

std::optional<std::string> ParamText(const Json& params, const char* key) {
  if (!params.is_object() || !params.contains(key)) return std::nullopt;
  const Json& v = params[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  return std::nullopt;
}

GraphError MissingParam(const std::string& key) {
  return SchemaParamError("The parameter " + key + " is required.");
}

bool IsDigits(const std::string& s, size_t length) {
  if (s.size() != length) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Meta: the two-step verification PIN is 6 digits. A PIN sent as a JSON
// number loses its leading zeros, so only a 6-digit text is a PIN.
Result<std::string> RequiredPin(const Json& params) {
  if (!params.is_object() || !params.contains("pin")) return MissingParam("pin");
  const Json& v = params["pin"];
  std::string pin = v.is_string() ? v.get<std::string>() : v.is_number_integer() ? v.dump() : "";
  if (!IsDigits(pin, 6)) return SchemaParamError("Param pin must be a 6-digit number.");
  return pin;
}

}  // namespace wasim::registration
