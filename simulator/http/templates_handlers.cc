// Template routes: POST/GET/DELETE /{waba-id}/message_templates,
// GET and POST (edit) /{template-id}.
#include <algorithm>
#include <cctype>
#include <optional>

#include "simulator/core/ids.h"
#include "simulator/domain/accounts/health_status.h"
#include "simulator/domain/templates/service.h"
#include "simulator/http/graph_router.h"
#include "simulator/http/media_download.h"
#include "simulator/http/node_fields.h"
#include "simulator/http/paging.h"

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

// `health` is computed only for GET /{template-id} (lists leave it null: not selectable there).
Json TemplateJson(const MessageTemplate& t, Json health = nullptr) {
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
  // Meta (changelog): the category before Meta or an edit changed it; left
  // out when it never changed (assumption).
  j["previous_category"] = t.previous_category.empty() ? Json(nullptr) : Json(t.previous_category);
  if (!health.is_null()) j["health_status"] = std::move(health);
  return j;
}

// Graph leaves out fields without a value.
void DropNulls(Json& j) {
  for (auto it = j.begin(); it != j.end();) it = it->is_null() ? j.erase(it) : std::next(it);
}

Result<GraphReply> ListTemplates(Ctx& ctx, GraphCall& call) {
  templates::ListFilter f{ParamString(call.params, "name"), ParamString(call.params, "status"),
                          ParamString(call.params, "language"), ParamString(call.params, "category")};
  auto all = templates::List(ctx, call.node_id, f);
  std::vector<std::string> ids;
  ids.reserve(all.size());
  for (const auto* t : all) ids.push_back(t->id);
  std::string fields = ParamString(call.params, "fields");
  auto page = PageOf(call, ids, {kDefaultLimit, kMaxLimit}, [&](size_t i) {
    auto row =
        SelectFields(TemplateJson(*all[i]), fields, DefaultFields(), NodeTypeName(NodeKind::kTemplate));
    if (row) DropNulls(*row);
    return row;
  });
  if (!page) return page.error();
  return GraphReply::Of(std::move(*page));
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
  auto j = SelectFields(
      TemplateJson(t, accounts::TemplateHealthStatus(ctx.state, t, call.principal.app_id, ctx.now())),
      ParamString(call.params, "fields"), DefaultFields(), NodeTypeName(NodeKind::kTemplate));
  if (!j) return j.error();
  DropNulls(*j);
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
