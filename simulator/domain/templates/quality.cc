#include "simulator/domain/templates/quality.h"

#include <set>

namespace wasim::templates {
namespace {

MessageTemplate* FindTemplate(Ctx& ctx, const std::string& id) {
  auto it = ctx.state.templates.by_id.find(id);
  return it == ctx.state.templates.by_id.end() ? nullptr : &it->second;
}

}  // namespace

Status SetQuality(Ctx& ctx, const std::string& template_id, const std::string& score) {
  static const std::set<std::string> kScores = {"GREEN", "YELLOW", "RED", "UNKNOWN"};
  if (!kScores.count(score))
    return InvalidParameterError("quality_score must be one of GREEN, YELLOW, RED, UNKNOWN.");
  MessageTemplate* t = FindTemplate(ctx, template_id);
  if (!t) return InvalidParameterError("No template with id " + template_id + ".");
  if (t->quality_score == score) return {};
  // Meta's value (webhooks/reference/message_template_quality_update); the id is a number.
  Json v;
  v["previous_quality_score"] = t->quality_score;
  v["new_quality_score"] = score;
  v["message_template_id"] = std::stoll(t->id);
  v["message_template_name"] = t->name;
  v["message_template_language"] = t->language;
  t->quality_score = score;
  ctx.events.Publish(ManagementEvent{t->waba_id, "message_template_quality_update", v, ctx.now()});
  return {};
}

Status SetPaced(Ctx& ctx, const std::string& template_id, bool paced) {
  MessageTemplate* t = FindTemplate(ctx, template_id);
  if (!t) return InvalidParameterError("No template with id " + template_id + ".");
  t->paced = paced;
  return {};
}

}  // namespace wasim::templates
