#include "simulator/domain/templates/quality.h"

#include <set>

namespace wasim::templates {
namespace {

// Quality and pacing never change the store's index keys (waba_id, name, language).
MessageTemplate* FindTemplate(Ctx& ctx, const std::string& id) { return ctx.state.templates.Mutable(id); }

}  // namespace

Status SetQuality(Ctx& ctx, const std::string& template_id, const std::string& score) {
  static const std::set<std::string> kScores = {"GREEN", "YELLOW", "RED", "UNKNOWN"};
  if (!kScores.count(score))
    return InvalidParameterError("quality_score must be one of GREEN, YELLOW, RED, UNKNOWN.");
  MessageTemplate* t = FindTemplate(ctx, template_id);
  if (!t) return InvalidParameterError("No template with id " + template_id + ".");
  if (t->quality_score == score) return {};
  ctx.Record(TemplateQualityChanged{t->waba_id, t->id, t->name, t->language, t->quality_score, score});
  t->quality_score = score;
  return {};
}

Status SetPaced(Ctx& ctx, const std::string& template_id, bool paced) {
  MessageTemplate* t = FindTemplate(ctx, template_id);
  if (!t) return InvalidParameterError("No template with id " + template_id + ".");
  t->paced = paced;
  return {};
}

}  // namespace wasim::templates
