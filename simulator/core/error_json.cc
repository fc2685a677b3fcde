#include "simulator/core/error_json.h"

namespace wasim {

Json GraphErrorToJson(const GraphError& e) {
  Json j = Json::object();
  j["code"] = e.code_number();
  if (e.subcode) j["subcode"] = *e.subcode;
  j["http_status"] = e.http_status;
  j["flavor"] = e.flavor == ErrorFlavor::kGraph     ? "graph"
                : e.flavor == ErrorFlavor::kSubcode ? "subcode"
                                                    : "whatsapp";
  j["type"] = e.type;
  j["title"] = e.title;
  j["message"] = e.message;
  j["details"] = e.details;
  j["is_transient"] = e.is_transient;
  return j;
}

std::optional<GraphError> GraphErrorFromJson(const Json& j, std::string* why) {
  auto bad = [why](const std::string& what) -> std::optional<GraphError> {
    *why = "error object: " + what;
    return std::nullopt;
  };
  if (!j.is_object()) return bad("must be an object");
  GraphError e;
  auto code = j.find("code");
  if (code == j.end() || !code->is_number_integer()) return bad("`code` must be an integer");
  e.code = static_cast<ErrorCode>(code->get<int>());
  for (const char* key : {"type", "title", "message", "details", "flavor"}) {
    auto it = j.find(key);
    if (it == j.end()) continue;
    if (!it->is_string()) return bad(std::string("`") + key + "` must be a string");
  }
  auto str = [&](const char* key, std::string* out) {
    if (auto it = j.find(key); it != j.end()) *out = it->get<std::string>();
  };
  str("type", &e.type);
  str("title", &e.title);
  str("message", &e.message);
  str("details", &e.details);
  std::string flavor = "whatsapp";
  str("flavor", &flavor);
  if (flavor != "whatsapp" && flavor != "graph" && flavor != "subcode")
    return bad("`flavor` must be whatsapp, graph or subcode");
  e.flavor = flavor == "graph"     ? ErrorFlavor::kGraph
             : flavor == "subcode" ? ErrorFlavor::kSubcode
                                   : ErrorFlavor::kWhatsApp;
  if (auto it = j.find("http_status"); it != j.end()) {
    if (!it->is_number_integer()) return bad("`http_status` must be an integer");
    e.http_status = it->get<int>();
  }
  if (auto it = j.find("subcode"); it != j.end()) {
    if (!it->is_number_integer()) return bad("`subcode` must be an integer");
    e.subcode = it->get<int>();
  }
  if (auto it = j.find("is_transient"); it != j.end()) {
    if (!it->is_boolean()) return bad("`is_transient` must be true or false");
    e.is_transient = it->get<bool>();
  }
  return e;
}

}  // namespace wasim
