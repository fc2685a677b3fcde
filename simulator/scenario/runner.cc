#include "simulator/scenario/runner.h"

#include <algorithm>

#include "simulator/core/json.h"
#include "simulator/domain/facts/facts_json.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/scenario/loader.h"

namespace wasim::scenario {
namespace {

// After the last timed step or expectation window, the run goes on this long
// so statuses and webhook retries of the last actions settle (assumption: a
// minute covers the simulated latencies; use run_for for more).
constexpr DurationMs kSettleMargin = kMinute;

std::string SavedIdOf(const Json& answer) {
  if (const Json* id = At(answer, "messages.0.id"); id && id->is_string()) return id->get<std::string>();
  if (const Json* id = At(answer, "id"); id && id->is_string()) return id->get<std::string>();
  return "";
}

std::string SavedValueAt(const Json& answer, const std::string& path) {
  const Json* v = At(answer, path);
  if (!v || v->is_null() || v->is_object() || v->is_array()) return "";
  return v->is_string() ? v->get<std::string>() : v->dump();
}

std::string ErrorCodeOf(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  const Json* code = j.is_discarded() ? nullptr : At(j, "error.code");
  return code ? " (#" + code->dump() + ")" : "";
}

// One readable line per fact the transcript shows; "" for facts it leaves out.
std::string FactLine(const Json& f) {
  const std::string type = f.value("type", "");
  auto s = [&](const char* k) { return f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : ""; };
  if (type == "api_call") {
    std::string code = f["error_code"].is_null() ? "" : " (#" + f["error_code"].dump() + ")";
    return s("method") + " " + s("path") + " -> " + f["status"].dump() + code;
  }
  if (type == "status_changed") {
    std::string err = f["error"].is_null() ? "" : " (#" + f["error"].value("code", Json(0)).dump() + ")";
    return "status " + s("status") + err + " " + s("wamid") + " to " + s("recipient_id");
  }
  if (type == "inbound_received")
    return "inbound " + s("message_type") + " from " + s("from") + " " + s("wamid");
  if (type == "webhook_attempted") {
    std::string answer = f["response_status"].get<int>() ? f["response_status"].dump() : "no answer";
    return "webhook " + s("field") + " attempt " + f["attempt"].dump() + " -> " + answer + " (" +
           s("outcome") + ")";
  }
  if (type == "message_accepted") return "";  // the api_call line shows it
  Json rest = f;
  for (const char* k : {"seq", "at", "at_ms", "type"}) rest.erase(k);
  return type + " " + rest.dump();
}

}  // namespace

std::string Offset(TimeMs at, TimeMs start) { return "+" + FormatDuration(at - start); }

bool RunReport::passed() const {
  return std::all_of(expectations.begin(), expectations.end(),
                     [](const auto& e) { return e.passed && !e.pending; });
}

ScenarioRunner::ScenarioRunner(const Scenario& scenario, Simulator& sim, GraphPipeline& graph,
                               AdminApi& admin, DeliveriesSource deliveries, std::uint64_t seed)
    : scenario_(scenario),
      sim_(sim),
      graph_(graph),
      admin_(admin),
      deliveries_(std::move(deliveries)),
      seed_(seed) {}

void ScenarioRunner::Begin(bool route_apps_to_receiver, bool settle_after_calls) {
  start_ = sim_.clock().Now();
  settle_after_calls_ = settle_after_calls;
  executed_flags_.assign(scenario_.steps.size(), false);
  // Apps without a callback URL deliver to the run's own receiver.
  WorldBuilder callbacks;
  sim_.WithLock([&](Ctx& ctx) {
    if (route_apps_to_receiver)
      for (const auto& [id, app] : ctx.state.accounts.apps)
        if (app.callback_url.empty())
          callbacks.EditApp(id, [](App& a) { a.callback_url = kScenarioCallbackUrl; });
    trigger_cursor_ = ctx.facts.last_seq();
    // Every fact from the start stays readable for the expectations.
    pin_ = ctx.facts.Pin(trigger_cursor_);
  });
  (void)sim_.ApplyWorld(callbacks);
  fired_.assign(scenario_.steps.size(), false);
  for (size_t i = 0; i < scenario_.steps.size(); ++i)
    if (scenario_.steps[i].at)
      due_.emplace(start_ + *scenario_.steps[i].at, i);
    else
      armed_.push_back(i);
}

TimeMs ScenarioRunner::End() const {
  DurationMs last = 0;
  for (const auto& s : scenario_.steps)
    if (s.at) last = std::max(last, *s.at);
  for (const auto& e : scenario_.expectations)
    if (e.by) last = std::max(last, *e.by);
  return start_ + std::max(scenario_.run_for, last + kSettleMargin);
}

HttpResponse ScenarioRunner::Call(const Action& a) {
  HttpRequest req;
  req.method = a.kind == Action::Kind::kInbound    ? "POST"
               : a.kind == Action::Kind::kCustomer ? "PUT"
                                                   : a.method;
  std::string path = Substitute(a.path, vars_);
  if (a.kind == Action::Kind::kInbound) path = "/_sim/inbound";
  if (a.kind == Action::Kind::kCustomer) path = "/_sim/customers/" + Substitute(a.wa_id, vars_);
  if (auto q = path.find('?'); q != std::string::npos) {
    req.query = ParseQueryString(path.substr(q + 1));
    path.resize(q);
  }
  req.path = path;
  if (!a.body.is_null()) {
    req.body = Substitute(a.body, vars_).dump();
    req.headers.emplace("content-type", "application/json");
  }
  if (a.kind == Action::Kind::kGraph) {
    std::string token = a.token;
    if (token.empty())
      token = sim_.WithLock([](Ctx& ctx) {
        const auto& tokens = ctx.state.accounts.tokens;
        if (tokens.count(DefaultIds::kAccessToken) || tokens.empty())
          return std::string(DefaultIds::kAccessToken);
        return tokens.begin()->first;
      });
    req.headers.emplace("authorization", "Bearer " + Substitute(token, vars_));
    HttpResponse res = graph_.Handle(req);
    if (settle_after_calls_) sim_.SettleNow();
    return res;
  }
  if (!StepMayCall(req.path)) {
    HttpResponse refused =
        AdminError(400, "a step cannot call " + req.path + " (the scenario drives the clock)");
    return refused;
  }
  auto res = admin_.Handle(req);
  if (settle_after_calls_) sim_.SettleNow();
  if (res) return *res;
  HttpResponse missing;
  missing.status = 404;
  missing.body = R"({"error":{"message":"no such admin route"}})";
  return missing;
}

void ScenarioRunner::ExecuteStep(size_t index) {
  const Step& step = scenario_.steps[index];
  fired_[index] = true;
  executed_flags_[index] = true;
  ++executed_;
  for (const Action& a : step.actions) {
    TranscriptLine line;
    line.at = sim_.clock().Now();
    line.seq = sim_.facts().last_seq() + 1;  // the first fact it causes
    line.kind = "step";
    const char* kinds[] = {"graph", "inbound", "customer", "admin"};
    std::string label = step.name.empty() ? std::string(kinds[static_cast<int>(a.kind)]) : step.name;
    HttpResponse res = Call(a);
    line.text = "step \"" + label + "\" (line " + std::to_string(step.pos.line) + ") -> " +
                std::to_string(res.status) + ErrorCodeOf(res.body);
    Json answer = Json::parse(res.body, nullptr, false);
    if (!a.save.empty() && !answer.is_discarded()) {
      // `save: name` keeps the answer's id; `save: name=dotted.path` the value there.
      const auto eq = a.save.find('=');
      const std::string var = a.save.substr(0, eq);
      std::string id =
          eq == std::string::npos ? SavedIdOf(answer) : SavedValueAt(answer, a.save.substr(eq + 1));
      if (!id.empty()) {
        vars_[var] = id;
        line.text += ", ${" + var + "} = " + id;
      }
    }
    step_lines_.push_back(std::move(line));
  }
}

void ScenarioRunner::CheckTriggers() {
  // Only steps with a trigger that has not fired yet look at new facts.
  std::erase_if(armed_, [&](size_t i) { return fired_[i]; });
  std::vector<Json> facts;
  trigger_cursor_ = ForEachFact(trigger_cursor_, [&](const Fact& f) {
    if (!armed_.empty()) facts.push_back(FactToJson(f));
  });
  for (const Json& f : facts) {
    for (size_t i : armed_) {
      const Step& s = scenario_.steps[i];
      if (fired_[i] || f.value("type", "") != s.on->fact_type) continue;
      if (!Mismatch(f, Substitute(s.on->where, vars_)).empty()) continue;
      fired_[i] = true;  // once: a trigger fires for the first matching fact
      due_.emplace(f.value("at_ms", TimeMs{0}) + s.delay, i);
    }
  }
}

std::uint64_t ScenarioRunner::ForEachFact(std::uint64_t after,
                                          const std::function<void(const Fact&)>& visit) {
  // A page per lock hold, visited without the lock: reading a long log never
  // stalls the Graph API (a verdict is polled while the app is under test).
  constexpr size_t kPage = 1024;
  for (;;) {
    std::vector<Fact> page;
    bool more = sim_.WithLock([&](Ctx& ctx) {
      FactPage p = ctx.facts.Scan(after, kPage, [&](const Fact& f) {
        page.push_back(f);
        return true;
      });
      after = p.next_after;
      return page.size() == kPage && after < ctx.facts.last_seq();
    });
    for (const Fact& f : page) visit(f);
    if (!more) return after;
    sim_.HandOffToWaiters();
  }
}

bool ScenarioRunner::RunDueSteps() {
  bool ran = false;
  for (;;) {
    CheckTriggers();
    auto next = due_.begin();
    if (next == due_.end() || next->first > sim_.clock().Now()) return ran;
    size_t index = next->second;
    due_.erase(next);
    ExecuteStep(index);
    ran = true;
  }
}

std::optional<TimeMs> ScenarioRunner::NextStepDue() const {
  if (due_.empty()) return std::nullopt;
  return due_.begin()->first;
}

size_t ScenarioRunner::steps_fired() const { return executed_; }

RunReport ScenarioRunner::Run() {
  Begin(true);
  const TimeMs end = End();
  for (;;) {
    RunDueSteps();
    const TimeMs now = sim_.clock().Now();
    TimeMs target = end;
    if (auto step = NextStepDue()) target = std::min(target, *step);
    if (auto next = sim_.NextDue()) target = std::min(target, std::max(*next, now));
    if (target <= now && now >= end) break;
    if (target <= now) target = now + 1;  // due work the simulator did not run: move on
    sim_.AdvanceTo(target);
  }
  return Report();
}

ScenarioRunner::~ScenarioRunner() {
  if (pin_) sim_.WithLock([&](Ctx& ctx) { ctx.facts.Unpin(*pin_); });
}

RunReport ScenarioRunner::Report(bool with_transcript) {
  RunReport report;
  report.scenario = scenario_.name;
  report.file = scenario_.file;
  report.seed = seed_;
  report.start = start_;
  report.end = sim_.clock().Now();
  if (with_transcript) BuildTranscript(report);
  for (const auto& e : scenario_.expectations) {
    ExpectationResult r = Check(e);
    r.pending = e.by && start_ + *e.by > report.end;
    report.expectations.push_back(std::move(r));
  }
  return report;
}

void ScenarioRunner::BuildTranscript(RunReport& report) {
  std::vector<TranscriptLine> lines = step_lines_;
  ForEachFact(0, [&](const Fact& f) {
    Json j = FactToJson(f);
    std::string text = FactLine(j);
    if (!text.empty()) lines.push_back({f.at, f.seq, j.value("type", ""), text});
  });
  // Steps sort before the facts they caused (their seq is the last fact before them).
  std::stable_sort(lines.begin(), lines.end(), [](const TranscriptLine& a, const TranscriptLine& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.seq != b.seq) return a.seq < b.seq;
    return a.kind == "step" && b.kind != "step";
  });
  report.transcript = std::move(lines);
}

bool ScenarioRunner::InWindow(const Expectation& e, TimeMs at) const {
  if (e.from && at < start_ + *e.from) return false;
  if (e.by && at > start_ + *e.by) return false;
  return true;
}

namespace {

std::string CountText(const Count& c) {
  if (c.max == c.min) return "exactly " + std::to_string(c.min);
  if (c.max < 0) return "at least " + std::to_string(c.min);
  if (c.min == 0) return "at most " + std::to_string(c.max);
  return std::to_string(c.min) + " to " + std::to_string(c.max);
}

ExpectationResult Counted(const Expectation& e, long found, const std::vector<std::string>& evidence,
                          const std::string& what) {
  ExpectationResult r{e.name, e.pos, found >= e.count.min && (e.count.max < 0 || found <= e.count.max)};
  r.detail = "expected " + CountText(e.count) + " " + what + ", found " + std::to_string(found);
  if (!r.passed && !evidence.empty()) {
    r.detail += "; seen:";
    for (const auto& ev : evidence) r.detail += "\n      " + ev;
  }
  return r;
}

// Keeps the first few near misses as evidence.
void Note(std::vector<std::string>& evidence, const std::string& text) {
  if (evidence.size() < 5) evidence.push_back(text);
}

}  // namespace

ExpectationResult ScenarioRunner::Check(const Expectation& e) {
  Json where = Substitute(e.where, vars_);
  switch (e.kind) {
    case Expectation::Kind::kWebhook:
      return CheckWebhook(e, where);
    case Expectation::Kind::kFact:
      return CheckFacts(e, where, false);
    case Expectation::Kind::kCalls:
      return CheckFacts(e, where, true);
    case Expectation::Kind::kMessage:
      return CheckMessage(e, where);
  }
  return {};
}

ExpectationResult ScenarioRunner::CheckWebhook(const Expectation& e, const Json& where) {
  long found = 0;
  std::vector<std::string> evidence;
  for (const auto& w : deliveries_()) {
    if (w.answered < 200 || w.answered >= 300 || !InWindow(e, w.at)) continue;  // delivered ones only
    Json body = Json::parse(w.body, nullptr, false);
    if (body.is_discarded()) continue;
    for (const auto& entry : body.value("entry", Json::array()))
      for (const auto& change : entry.value("changes", Json::array())) {
        if (change.value("field", "") != e.field) continue;
        const Json& value = change["value"];
        std::vector<const Json*> items;
        for (const char* list : {"statuses", "messages"})
          if (value.contains(list))
            for (const auto& item : value[list]) items.push_back(&item);
        if (items.empty()) items.push_back(&value);
        for (const Json* item : items) {
          std::string why = Mismatch(*item, where);
          if (why.empty())
            ++found;
          else
            Note(evidence, Offset(w.at, start_) + " " + e.field + ": " + why);
        }
      }
  }
  return Counted(e, found, evidence, e.field + " webhook(s) matching " + where.dump());
}

ExpectationResult ScenarioRunner::CheckFacts(const Expectation& e, const Json& where, bool calls) {
  const std::string type = calls ? "api_call" : e.fact_type;
  long found = 0;
  std::vector<std::string> evidence;
  ForEachFact(0, [&](const Fact& f) {
    if (FactTypeName(f.body) != type || !InWindow(e, f.at)) return;
    Json j = FactToJson(f);
    if (calls) {
      // The app's call as it sent it: its body parsed, for `body.to`, `body.type`...
      Json body = Json::parse(j.value("request_body", ""), nullptr, false);
      j["body"] = body.is_discarded() ? Json(nullptr) : body;
    }
    std::string why = Mismatch(j, where);
    if (why.empty())
      ++found;
    else
      Note(evidence, Offset(f.at, start_) + " " + FactLine(j) + ": " + why);
  });
  return Counted(e, found, evidence,
                 (calls ? "Graph call(s)" : type + " fact(s)") + std::string(" matching ") + where.dump());
}

ExpectationResult ScenarioRunner::CheckMessage(const Expectation& e, const Json& where) {
  HttpRequest req;
  req.method = "GET";
  req.path = "/_sim/messages";
  auto res = admin_.Handle(req);
  Json list = res ? Json::parse(res->body, nullptr, false) : Json();
  const std::string id = where.value("id", "");
  ExpectationResult r{e.name, e.pos, false};
  if (!list.is_discarded() && list.contains("data"))
    for (const auto& m : list["data"]) {
      if (m.value("id", "") != id) continue;
      Json m2 = m;
      if (!m.value("statuses", Json::array()).empty())
        m2["error"] = m["statuses"].back().value("error", Json());
      std::string why = Mismatch(m2, where);
      r.passed = why.empty();
      r.detail = r.passed ? "message " + id + " is " + m.value("status", "") : "message " + id + ": " + why;
      return r;
    }
  r.detail = "no message " + id + " in the journal";
  return r;
}

}  // namespace wasim::scenario
