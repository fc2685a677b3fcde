#include "simulator/admin/inbound_admin.h"

#include <optional>

#include "simulator/admin/chunked_read.h"
#include "simulator/admin/query_params.h"
#include "simulator/domain/messages/inbound.h"
#include "simulator/domain/messages/inbound_content.h"

namespace wasim {
namespace {

HttpResponse PostInbound(Simulator& sim, const HttpRequest& req) {
  auto body = ParseJsonBody(req.body);
  if (!body) return AdminError(400, body.error().details);
  // Media bytes are decoded and hashed without the lock; if the message is
  // refused they are dropped here, after it, and the blob store never saw them.
  std::optional<PreparedBlob> data = messages::PrepareInboundData(*body);
  return sim.WithLock([&](Ctx& ctx) {
    auto r = messages::ReceiveInbound(ctx, *body, data ? &*data : nullptr);
    if (!r) return AdminError(r.error().http_status == 404 ? 404 : 400, r.error().details);
    Json j;
    j["id"] = r->wamid;
    if (!r->media_id.empty()) j["media_id"] = r->media_id;
    return AdminJson(200, j);
  });
}

// GET /_sim/inbound: the inbound journal in arrival order, filtered and paged
// like GET /_sim/messages (the cursor is a position in arrival order).
struct InboundQuery {
  std::string from, phone_number_id, type;
  std::optional<TimeMs> since;
  std::optional<size_t> limit;  // none: every match
  std::size_t start = 0;
};

std::string ParseInboundQuery(const HttpRequest& req, InboundQuery* q) {
  if (std::string err = CheckQueryParams(req, {"from", "phone_number_id", "type", "since", "limit", "after"});
      !err.empty())
    return err;
  q->from = req.Query("from");
  q->phone_number_id = req.Query("phone_number_id");
  q->type = req.Query("type");
  if (req.HasQuery("since")) {
    q->since = ParseIso8601(req.Query("since"));
    if (!q->since) return "since must be a virtual time (ISO 8601, e.g. 2026-01-01T00:00:00Z)";
  }
  if (req.HasQuery("limit")) {
    size_t limit = 0;
    if (!ParseLimit(req.Query("limit"), 1000, &limit) || limit == 0)
      return "limit must be an integer 1..1000";
    q->limit = limit;
  }
  if (req.HasQuery("after")) {
    std::uint64_t after = 0;
    if (!ParseUint64(req.Query("after"), &after)) return "after must be a cursor from paging.cursors.after";
    q->start = static_cast<std::size_t>(after) + 1;
  }
  return "";
}

bool InboundMatches(const InboundQuery& q, const InboundMessage& m) {
  if (!q.from.empty() && m.from != q.from) return false;
  if (!q.phone_number_id.empty() && m.phone_number_id != q.phone_number_id) return false;
  if (!q.type.empty() && m.type != q.type) return false;
  if (q.since && m.at < *q.since) return false;
  return true;
}

Json InboundJournalJson(const InboundMessage& m) {
  Json j = Json::object();
  j["wamid"] = m.wamid;
  j["phone_number_id"] = m.phone_number_id;
  j["from"] = m.from;
  j["type"] = m.type;
  j["content"] = m.content;
  j["at"] = FormatIso8601(m.at);
  j["read_by_business"] = m.read_by_business;
  return j;
}

HttpResponse ListInbound(Simulator& sim, const HttpRequest& req) {
  InboundQuery q;
  if (std::string err = ParseInboundQuery(req, &q); !err.empty()) return AdminError(400, err);
  Json data = Json::array();
  size_t matched = 0, last_position = 0;
  bool more = false;
  ReadInChunks<std::size_t, std::pair<std::size_t, InboundMessage>>(
      sim, q.start,
      [&](Ctx& ctx, std::size_t& next, std::vector<std::pair<std::size_t, InboundMessage>>& out) {
        const auto& order = ctx.state.inbound.order();
        for (std::size_t scanned = 0; next < order.size() && scanned < kAdminReadChunk; ++next, ++scanned) {
          const InboundMessage* m = ctx.state.inbound.Find(order[next]);
          if (!m || !InboundMatches(q, *m)) continue;
          if (q.limit && matched == *q.limit) {
            more = true;
            return false;
          }
          ++matched;
          out.emplace_back(next, *m);
        }
        return next < order.size();
      },
      [&](const std::pair<std::size_t, InboundMessage>& item) {
        data.push_back(InboundJournalJson(item.second));
        last_position = item.first;
      });
  Json j;
  j["data"] = std::move(data);
  Json paging = Json::object();
  if (more) paging["cursors"] = {{"after", std::to_string(last_position)}};
  j["paging"] = paging;
  return AdminJson(200, j);
}

}  // namespace

void RegisterInboundAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("POST", "/_sim/inbound",
             [&sim](const HttpRequest& req, const PathParams&) { return PostInbound(sim, req); });
  router.Add("GET", "/_sim/inbound",
             [&sim](const HttpRequest& req, const PathParams&) { return ListInbound(sim, req); });
}

}  // namespace wasim
