#include "simulator/domain/templates/recategorization.h"

#include <set>

#include "simulator/domain/lifecycle/lifecycle.h"

namespace wasim::templates {
namespace {

TemplateCategoryChanged CategoryFact(const MessageTemplate& t, const char* phase) {
  TemplateCategoryChanged f;
  f.waba_id = t.waba_id;
  f.template_id = t.id;
  f.name = t.name;
  f.language = t.language;
  f.phase = phase;
  return f;
}

// Into impending: the announcement; into settled: the change (announced
// before, or manual when settled -> settled).
void OnRecategorization(Ctx& ctx, const std::string& id, Recategorization, Recategorization to) {
  MessageTemplate* t = ctx.state.templates.Mutable(id);
  if (!t || t->impending_category.empty()) return;
  if (to == Recategorization::kImpending) {
    TemplateCategoryChanged f = CategoryFact(*t, "impending");
    f.new_category = t->category;  // Meta: new_category is the current one here
    f.correct_category = t->impending_category;
    f.update_at = t->impending_at;
    ctx.Record(std::move(f));
    return;
  }
  TemplateCategoryChanged f = CategoryFact(*t, "completed");
  f.previous_category = t->category;
  f.new_category = t->impending_category;
  t->previous_category = t->category;
  t->category = t->impending_category;
  t->impending_category.clear();
  ctx.Record(std::move(f));
}

const Lifecycle<Recategorization>& RecategorizationMachine() {
  static const Lifecycle<Recategorization> machine = [] {
    using S = Recategorization;
    wasim::Machine<S> m;
    m.name = "template_recategorization";
    m.states = {{S::kSettled, "SETTLED"}, {S::kImpending, "IMPENDING"}};
    m.transitions = {{S::kSettled, S::kImpending},
                     {S::kImpending, S::kImpending},  // a newer announcement
                     {S::kImpending, S::kSettled},    // the announced change
                     {S::kSettled, S::kSettled}};     // a manual change

    m.find = [](Ctx& ctx, const std::string& id) -> LifecycleSlot<S>* {
      MessageTemplate* t = ctx.state.templates.Mutable(id);
      return t ? &t->recategorization : nullptr;
    };
    m.on_transition = OnRecategorization;
    return Lifecycle<S>(std::move(m));
  }();
  return machine;
}

}  // namespace

Status Recategorize(Ctx& ctx, const std::string& template_id, const std::string& category,
                    DurationMs notice) {
  static const std::set<std::string> kCategories = {"AUTHENTICATION", "MARKETING", "UTILITY"};
  MessageTemplate* t = ctx.state.templates.Mutable(template_id);
  if (!t) return InvalidParameterError("No template with id " + template_id + ".");
  if (!kCategories.count(category))
    return InvalidParameterError("\"category\" must be MARKETING, UTILITY or AUTHENTICATION.");
  if (category == t->category)
    return InvalidParameterError("Template " + template_id + " is already " + category + ".");
  if (notice < 0) return InvalidParameterError("\"after\" must not be negative.");
  // Meta recategorizes templates "after initial approval".
  if (t->status.state == TemplateStatus::kPending || t->status.state == TemplateStatus::kRejected)
    return InvalidParameterError("Template " + template_id + " is " + TemplateStatusName(t->status.state) +
                                 "; Meta recategorizes approved templates.");
  const Lifecycle<Recategorization>& m = RecategorizationMachine();
  t->impending_category = category;
  t->impending_at = ctx.now() + notice;
  if (notice == 0)  // a manual change: only the completed notification (Meta's triggers)
    return m.MoveTo(ctx, t->recategorization, template_id, Recategorization::kSettled, "manual");
  Status s = m.MoveTo(ctx, t->recategorization, template_id, Recategorization::kImpending, "announced");
  if (s) m.DecideLater(ctx, t->recategorization, template_id, Recategorization::kSettled, notice);
  return s;
}

void RegisterRecategorizationLifecycle(LifecycleRegistry& registry) {
  RecategorizationMachine().Register(registry);
}

}  // namespace wasim::templates
