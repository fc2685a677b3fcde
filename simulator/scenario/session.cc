#include "simulator/scenario/session.h"

namespace wasim::scenario {

ScenarioSession::ScenarioSession(Simulator& sim, GraphPipeline& graph, AdminApi& admin,
                                 webhooks::Outbox& outbox, std::uint64_t default_seed)
    : sim_(sim), graph_(graph), admin_(admin), outbox_(outbox), default_seed_(default_seed) {}

void ScenarioSession::Attach() {
  // The wake-up only makes the clock stop at the instant; the hook acts.
  sim_.OnDue<ScenarioWakeDue>([](Ctx&, const ScenarioWakeDue&) {});
  sim_.AddAfterStepHook([this] { AfterStep(); });
  sim_.AddResetHook([this](Ctx&) { reset_seen_.store(true); });
}

void ScenarioSession::DropIfReset() {
  if (!reset_seen_.exchange(false)) return;
  runner_.reset();
  scenario_.reset();
}

std::vector<ReceivedWebhook> ScenarioSession::DeliveredWebhooks() {
  webhooks::ListFilter f;
  f.state = "delivered";
  f.limit = static_cast<size_t>(-1);
  Json list = outbox_.List(f);
  std::vector<ReceivedWebhook> out;
  for (const auto& d : list["data"]) {
    const Json& attempts = d["attempts"];
    if (attempts.empty()) continue;
    const Json& last = attempts.back();
    ReceivedWebhook w;
    w.at = ParseIso8601(last.value("at", "")).value_or(0);
    w.url = d.value("url", "");
    w.body = d.value("body", "");
    w.answered = last["response_status"].is_number() ? last["response_status"].get<int>() : 0;
    out.push_back(std::move(w));
  }
  return out;
}

std::optional<std::string> ScenarioSession::Load(Scenario s, WorldBuilder world) {
  std::lock_guard one_load(load_mu_);
  {
    std::lock_guard lock(mu_);  // what runs meanwhile sees no scenario
    runner_.reset();
    scenario_.reset();
  }
  const std::uint64_t seed = s.seed.value_or(default_seed_);
  if (auto problem = sim_.Reload(std::move(world), seed)) return problem;
  if (s.start && *s.start > sim_.clock().Now()) sim_.AdvanceTo(*s.start);
  {
    std::lock_guard lock(mu_);
    reset_seen_.store(false);  // the reset was this load's own
    wake_scheduled_ = 0;
    scenario_ = std::make_unique<Scenario>(std::move(s));
    runner_ = std::make_unique<ScenarioRunner>(
        *scenario_, sim_, graph_, admin_, [this] { return DeliveredWebhooks(); }, seed);
    runner_->Begin(false, false);
    const TimeMs start = runner_->start();
    sim_.WithLock([&](Ctx& ctx) {
      for (size_t i = 0; i < scenario_->steps.size(); ++i)
        if (scenario_->steps[i].at)
          ctx.Schedule(start + *scenario_->steps[i].at, ScenarioWakeDue{"step " + std::to_string(i + 1)});
      for (size_t i = 0; i < scenario_->expectations.size(); ++i)
        if (scenario_->expectations[i].by)
          ctx.Schedule(start + *scenario_->expectations[i].by,
                       ScenarioWakeDue{"expect " + std::to_string(i + 1)});
    });
  }
  sim_.RunDue();  // steps at +0s run now
  return std::nullopt;
}

void ScenarioSession::AfterStep() {
  std::lock_guard lock(mu_);
  DropIfReset();
  if (!runner_) return;
  const bool ran = runner_->RunDueSteps();
  // A step a trigger scheduled for later (delay): make the clock stop at it.
  if (auto next = runner_->NextStepDue(); next && *next > sim_.clock().Now() && *next != wake_scheduled_) {
    wake_scheduled_ = *next;
    sim_.WithLock([&](Ctx& ctx) { ctx.Schedule(*next, ScenarioWakeDue{"triggered step"}); });
  }
  if (ran) sim_.RequestSettle();  // deliver what the steps caused before the advance returns
}

bool ScenarioSession::loaded() {
  std::lock_guard lock(mu_);
  DropIfReset();
  return runner_ != nullptr;
}

std::optional<RunReport> ScenarioSession::Report() {
  std::lock_guard lock(mu_);
  DropIfReset();
  if (!runner_) return std::nullopt;
  return runner_->Report();
}

Json ScenarioSession::Current() {
  std::lock_guard lock(mu_);
  DropIfReset();
  if (!runner_) return Json();
  RunReport r = runner_->Report(/*with_transcript=*/false);
  Json j = Json::object();
  j["name"] = scenario_->name;
  j["file"] = scenario_->file;
  j["seed"] = r.seed;
  j["start"] = FormatIso8601(r.start);
  j["now"] = FormatIso8601(r.end);
  Json steps = Json::array();
  for (size_t i = 0; i < scenario_->steps.size(); ++i) {
    const Step& s = scenario_->steps[i];
    Json step = {
        {"line", s.pos.line}, {"name", s.name}, {"state", runner_->executed(i) ? "fired" : "pending"}};
    if (s.at) step["at"] = FormatIso8601(r.start + *s.at);
    steps.push_back(step);
  }
  j["steps"] = steps;
  Json exps = Json::array();
  for (const auto& e : r.expectations)
    exps.push_back({{"name", e.name},
                    {"line", e.pos.line},
                    {"state", e.pending  ? "pending"
                              : e.passed ? "passed"
                                         : "failed"},
                    {"detail", e.detail}});
  j["expectations"] = exps;
  j["passed"] = r.passed();
  return j;
}

}  // namespace wasim::scenario
