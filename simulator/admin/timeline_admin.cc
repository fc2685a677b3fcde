#include "simulator/admin/timeline_admin.h"

#include <algorithm>

#include "simulator/admin/query_params.h"
#include "simulator/domain/timeline/records_json.h"

namespace wasim {
namespace {

constexpr size_t kDefaultPage = 100;
constexpr size_t kMaxPage = 1000;

struct TimelineQuery {
  std::string kind;
  std::string object;
  size_t limit = kDefaultPage;
  // Paging cursor "<due_ms>.<id>": entries strictly after it in run order.
  std::optional<std::pair<TimeMs, TimelineId>> after;
};

std::string CursorOf(const TimelineEntry& e) { return std::to_string(e.due) + "." + std::to_string(e.id); }

bool ParseCursor(const std::string& text, std::pair<TimeMs, TimelineId>* out) {
  size_t dot = text.find('.');
  std::uint64_t due = 0, id = 0;
  if (dot == std::string::npos || !ParseUint64(text.substr(0, dot), &due) ||
      !ParseUint64(text.substr(dot + 1), &id))
    return false;
  *out = {static_cast<TimeMs>(due), id};
  return true;
}

std::string ParseQuery(const HttpRequest& req, TimelineQuery* q) {
  q->kind = req.Query("kind");
  const auto& kinds = AllKindNames();
  if (!q->kind.empty() && std::find(kinds.begin(), kinds.end(), q->kind) == kinds.end()) {
    std::string list;
    for (const auto& k : kinds) list += (list.empty() ? "" : ", ") + k;
    return "kind must be one of " + list;
  }
  q->object = req.Query("object");
  if (!ParseLimit(req.Query("limit"), kMaxPage, &q->limit)) return "limit must be an integer 1..1000";
  if (req.HasQuery("after")) {
    std::pair<TimeMs, TimelineId> cursor;
    if (!ParseCursor(req.Query("after"), &cursor))
      return "after must be a cursor from paging.cursors.after (\"<due_ms>.<id>\")";
    q->after = cursor;
  }
  return "";
}

bool Matches(const TimelineQuery& q, const TimelineEntry& e) {
  if (!q.kind.empty() && q.kind != KindName(e.record)) return false;
  if (!q.object.empty() && q.object != ObjectIdOf(e.record)) return false;
  if (q.after && std::pair(e.due, e.id) <= *q.after) return false;
  return true;
}

Json ListTimeline(Ctx& ctx, const TimelineQuery& q) {
  Json data = Json::array();
  size_t matching = 0;
  const TimelineEntry* last = nullptr;
  std::vector<TimelineEntry> pending = ctx.timeline.Pending();
  for (const TimelineEntry& e : pending) {
    if (!Matches(q, e)) continue;
    if (++matching > q.limit) continue;
    data.push_back(TimelineEntryToJson(e));
    last = &e;
  }
  Json j = Json::object();
  j["format_version"] = kRecordFormatVersion;
  j["now"] = FormatIso8601(ctx.now());
  j["pending"] = pending.size();
  j["data"] = data;
  Json paging = Json::object();
  // Graph-like paging: a cursor to pass back as `after` while more match.
  if (matching > q.limit && last) paging["cursors"] = {{"after", CursorOf(*last)}};
  j["paging"] = paging;
  return j;
}

}  // namespace

void RegisterTimelineAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("GET", "/_sim/timeline", [&sim](const HttpRequest& req, const PathParams&) {
    TimelineQuery q;
    if (std::string err = ParseQuery(req, &q); !err.empty()) return AdminError(400, err);
    return AdminJson(200, sim.WithLock([&](Ctx& ctx) { return ListTimeline(ctx, q); }));
  });
}

}  // namespace wasim
