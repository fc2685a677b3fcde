#include "simulator/admin/events_admin.h"

#include <algorithm>
#include <set>

#include "simulator/admin/query_params.h"
#include "simulator/domain/facts/facts_json.h"

namespace wasim {
namespace {

constexpr size_t kDefaultPage = 100;
constexpr size_t kMaxPage = 1000;
constexpr DurationMs kMaxWait = 60 * kSecond;

struct EventsQuery {
  std::uint64_t after = 0;
  std::set<std::string> types;  // empty: every type
  std::string object;
  size_t limit = kDefaultPage;
  DurationMs wait = 0;  // real time
};

std::string SplitTypes(const std::string& text, std::set<std::string>* out) {
  const auto& known = AllFactTypeNames();
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    std::string t = text.substr(start, comma - start);
    if (!t.empty()) {
      if (std::find(known.begin(), known.end(), t) == known.end()) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        return "unknown type '" + t + "': use one or more (comma-separated) of " + list;
      }
      out->insert(t);
    }
    start = comma + 1;
  }
  return "";
}

std::string ParseQuery(const HttpRequest& req, EventsQuery* q) {
  if (req.HasQuery("after") && !ParseUint64(req.Query("after"), &q->after))
    return "after must be a sequence number (next_after of the previous page; 0 for the start)";
  if (std::string err = SplitTypes(req.Query("type"), &q->types); !err.empty()) return err;
  q->object = req.Query("object");
  if (!ParseLimit(req.Query("limit"), kMaxPage, &q->limit)) return "limit must be an integer 1..1000";
  if (req.HasQuery("wait")) {
    auto d = ParseDuration(req.Query("wait"));
    if (!d || *d < 0 || *d > kMaxWait) return "wait must be a duration up to 60s, such as \"10s\"";
    q->wait = *d;
  }
  return "";
}

bool Matches(const EventsQuery& q, const Fact& f) {
  if (!q.types.empty() && !q.types.count(FactTypeName(f.body))) return false;
  if (!q.object.empty()) {
    auto ids = FactObjectIds(f.body);
    if (std::find(ids.begin(), ids.end(), q.object) == ids.end()) return false;
  }
  return true;
}

Json PageJson(const FactPage& page, std::uint64_t last_seq) {
  Json data = Json::array();
  for (const Fact& f : page.facts) data.push_back(FactToJson(f));
  Json j = Json::object();
  j["format_version"] = kRecordFormatVersion;
  j["data"] = data;
  j["next_after"] = page.next_after;
  j["last_seq"] = last_seq;
  // Facts after the cursor were dropped by retention: data starts at the oldest kept.
  j["truncated"] = page.truncated;
  if (page.truncated) j["first_retained"] = page.first_retained;
  return j;
}

FactPage ReadPage(Simulator& sim, const EventsQuery& q, std::uint64_t* last_seq) {
  return sim.WithLock([&](Ctx& ctx) {
    *last_seq = ctx.facts.last_seq();
    return ctx.facts.Read(q.after, q.limit, [&](const Fact& f) { return Matches(q, f); });
  });
}

}  // namespace

void RegisterEventsAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("GET", "/_sim/events", [&sim](const HttpRequest& req, const PathParams&) {
    EventsQuery q;
    if (std::string err = ParseQuery(req, &q); !err.empty()) return AdminError(400, err);
    std::uint64_t last = 0;
    FactPage page = ReadPage(sim, q, &last);
    // Long-poll: nothing matched yet, so wait (without the lock) for the next
    // fact, then read once more. The caller polls again from next_after.
    if (page.facts.empty() && q.wait > 0 &&
        sim.facts().WaitBeyond(page.next_after, std::chrono::milliseconds(q.wait))) {
      q.after = page.next_after;
      bool truncated = page.truncated;
      page = ReadPage(sim, q, &last);
      page.truncated = page.truncated || truncated;
    }
    return AdminJson(200, PageJson(page, last));
  });
}

}  // namespace wasim
