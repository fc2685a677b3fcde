// Template routes: POST/GET/DELETE /{waba-id}/message_templates,
// GET and POST (edit) /{template-id}.
#include <algorithm>
#include <cctype>
#include <optional>

#include "simulator/core/ids.h"
#include "simulator/domain/templates/service.h"
#include "simulator/http/graph_router.h"
#include "simulator/http/media_download.h"
#include "simulator/http/node_fields.h"

namespace wasim {
namespace {

constexpr long kDefaultLimit = 25;  // Graph's default page size
constexpr long kMaxLimit = 1000;

// Meta's default fields (template-management.md "Get all templates").
const std::vector<std::string>& DefaultFields() {
  static const std::vector<std::string> f = {"name",   "parameter_format", "components", "language",
                                             "status", "category",         "id"};
  return f;
}

Json TemplateJson(const MessageTemplate& t) {
  Json j;
  j["name"] = t.name;
  j["parameter_format"] = t.parameter_format;
  j["components"] = t.components;
  j["language"] = t.language;
  j["status"] = TemplateStatusName(t.status.state);
  j["category"] = t.category;
  j["id"] = t.id;
  j["rejected_reason"] = t.rejected_reason;
  j["quality_score"] = {{"score", t.quality_score}};
  if (t.message_send_ttl_seconds) j["message_send_ttl_seconds"] = *t.message_send_ttl_seconds;
  return j;
}

std::string PercentEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Result<long> ParseLimit(const Json& params) {
  if (!params.contains("limit")) return kDefaultLimit;
  const Json& v = params["limit"];
  long n = -1;
  if (v.is_number_integer()) n = v.get<long>();
  if (v.is_string() && !v.get<std::string>().empty() && v.get<std::string>().size() < 10 &&
      v.get<std::string>().find_first_not_of("0123456789") == std::string::npos)
    n = std::stol(v.get<std::string>());
  if (n <= 0) return SchemaParamError("Param limit must be a positive integer.");
  return std::min(n, kMaxLimit);
}

// Index of the first item of the page a cursor points at ("after:<id>" /
// "before:<id>" as ListEnvelope encodes them); `end` for the before-page.
void PageBounds(const std::vector<const MessageTemplate*>& all, const Json& params, long limit, size_t* begin,
                size_t* end) {
  *begin = 0;
  *end = all.size();
  auto index_of = [&](const std::string& cursor, const std::string& prefix) -> std::optional<size_t> {
    std::string decoded;
    if (!Base64Decode(cursor, &decoded) || decoded.rfind(prefix, 0) != 0) return std::nullopt;
    std::string id = decoded.substr(prefix.size());
    for (size_t i = 0; i < all.size(); ++i)
      if (all[i]->id == id) return i;
    return std::nullopt;
  };
  if (auto a = index_of(ParamString(params, "after"), "after:")) *begin = *a + 1;
  if (auto b = index_of(ParamString(params, "before"), "before:")) {
    *end = *b;
    *begin = *end > static_cast<size_t>(limit) ? *end - limit : 0;
  }
  *end = std::min(*end, *begin + static_cast<size_t>(limit));
}

Result<GraphReply> ListTemplates(Ctx& ctx, GraphCall& call) {
  templates::ListFilter f{ParamString(call.params, "name"), ParamString(call.params, "status"),
                          ParamString(call.params, "language"), ParamString(call.params, "category")};
  auto limit = ParseLimit(call.params);
  if (!limit) return limit.error();
  auto all = templates::List(ctx, call.node_id, f);
  size_t begin = 0, end = 0;
  PageBounds(all, call.params, *limit, &begin, &end);
  std::string fields = ParamString(call.params, "fields");
  Json data = Json::array();
  for (size_t i = begin; i < end; ++i) {
    auto j = SelectFields(TemplateJson(*all[i]), fields, DefaultFields(), NodeTypeName(NodeKind::kTemplate));
    if (!j) return j.error();
    data.push_back(std::move(*j));
  }
  Json out = ListEnvelope(std::move(data));
  if (end < all.size()) {
    // Graph adds a `next` link when more results follow.
    std::string next = "http://" + RequestHost(call.http) + "/" +
                       (call.version.empty() ? "v23.0" : call.version) + "/" + call.node_id +
                       "/message_templates?limit=" + std::to_string(*limit) +
                       (fields.empty() ? "" : "&fields=" + PercentEncode(fields)) +
                       "&after=" + PercentEncode(out["paging"]["cursors"]["after"].get<std::string>());
    out["paging"]["next"] = next;
  }
  return GraphReply::Of(std::move(out));
}

Result<GraphReply> CreateTemplate(Ctx& ctx, GraphCall& call) {
  auto r = templates::Create(ctx, call.node_id, call.params);
  if (!r) return r.error();
  Json out;  // Meta: {"id","status","category"}
  out["id"] = r->id;
  out["status"] = r->status;
  out["category"] = r->category;
  return GraphReply::Of(std::move(out));
}

Result<GraphReply> DeleteTemplates(Ctx& ctx, GraphCall& call) {
  auto s = templates::Delete(ctx, call.node_id, ParamString(call.params, "name"),
                             ParamString(call.params, "hsm_id"));
  if (!s) return s.error();
  return SuccessReply();
}

Result<GraphReply> GetTemplate(Ctx& ctx, GraphCall& call) {
  const MessageTemplate& t = *ctx.state.templates.Get(call.node_id);
  auto j = SelectFields(TemplateJson(t), ParamString(call.params, "fields"), DefaultFields(),
                        NodeTypeName(NodeKind::kTemplate));
  if (!j) return j.error();
  return GraphReply::Of(std::move(*j));
}

Result<GraphReply> EditTemplate(Ctx& ctx, GraphCall& call) {
  auto s = templates::Edit(ctx, call.node_id, call.params);
  if (!s) return s.error();
  return SuccessReply();
}

}  // namespace

void RegisterTemplateRoutes(GraphRouter& r) {
  r.Add(NodeKind::kWaba, "POST", "message_templates", CreateTemplate);
  r.Add(NodeKind::kWaba, "GET", "message_templates", ListTemplates);
  r.Add(NodeKind::kWaba, "DELETE", "message_templates", DeleteTemplates);
  r.Add(NodeKind::kTemplate, "GET", "", GetTemplate);
  r.Add(NodeKind::kTemplate, "POST", "", EditTemplate);
}

}  // namespace wasim
