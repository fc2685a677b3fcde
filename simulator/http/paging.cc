#include "simulator/http/paging.h"

#include <algorithm>
#include <optional>

#include "simulator/core/graph_versions.h"
#include "simulator/core/ids.h"
#include "simulator/core/text.h"
#include "simulator/http/media_download.h"
#include "simulator/http/node_fields.h"

namespace wasim {
namespace {

Result<long> ParseLimit(const Json& params, PageLimits limits) {
  if (!params.contains("limit")) return limits.default_limit;
  const Json& v = params["limit"];
  long n = -1;
  if (v.is_number_integer()) n = v.get<long>();
  if (v.is_string() && !v.get<std::string>().empty() && v.get<std::string>().size() < 10 &&
      v.get<std::string>().find_first_not_of("0123456789") == std::string::npos)
    n = std::stol(v.get<std::string>());
  if (n <= 0) return SchemaParamError("Param limit must be a positive integer.");
  return std::min(n, limits.max_limit);
}

// Cursors are opaque to clients: base64 of "after:<id>" / "before:<id>".
std::string Cursor(const std::string& kind, const std::string& id) { return Base64Encode(kind + ":" + id); }

// The index of the item a cursor names; nullopt when it is corrupt or stale.
std::optional<size_t> CursorIndex(const std::vector<std::string>& ids, const std::string& cursor,
                                  const std::string& kind) {
  std::string decoded;
  if (!Base64Decode(cursor, &decoded) || decoded.rfind(kind + ":", 0) != 0) return std::nullopt;
  auto it = std::find(ids.begin(), ids.end(), decoded.substr(kind.size() + 1));
  if (it == ids.end()) return std::nullopt;
  return static_cast<size_t>(it - ids.begin());
}

// The request's own URL with its query, the paging cursors replaced by `cursor`.
std::string LinkWith(const GraphCall& call, const std::string& cursor_key, const std::string& cursor) {
  std::string url = "http://" + RequestHost(call.http) + call.http.path + "?";
  for (const auto& [k, v] : call.http.query) {
    if (k == "after" || k == "before") continue;
    url += PercentEncode(k) + "=" + PercentEncode(v) + "&";
  }
  return url + cursor_key + "=" + PercentEncode(cursor);
}

}  // namespace

Result<Json> PageOf(const GraphCall& call, const std::vector<std::string>& ids, PageLimits limits,
                    const std::function<Result<Json>(size_t)>& render) {
  auto limit = ParseLimit(call.params, limits);
  if (!limit) return limit.error();
  size_t begin = 0, end = ids.size();
  for (const char* kind : {"after", "before"}) {
    std::string cursor = ParamString(call.params, kind);
    if (cursor.empty()) continue;
    auto at = CursorIndex(ids, cursor, kind);
    if (!at) {
      if (GraphVersionHas(call.version, GraphFeature::kInvalidCursorError))
        return MakeError(ErrorCode::kInvalidCursor);
      continue;
    }
    if (std::string(kind) == "after") {
      begin = *at + 1;
    } else {
      end = *at;
      begin = end > static_cast<size_t>(*limit) ? end - static_cast<size_t>(*limit) : 0;
    }
  }
  end = std::min(end, begin + static_cast<size_t>(*limit));
  Json data = Json::array();
  for (size_t i = begin; i < end; ++i) {
    auto item = render(i);
    if (!item) return item.error();
    data.push_back(std::move(*item));
  }
  Json out;
  out["data"] = std::move(data);
  if (begin >= end) return out;  // Graph: an empty page has no cursors
  Json paging;
  paging["cursors"] = {{"before", Cursor("before", ids[begin])}, {"after", Cursor("after", ids[end - 1])}};
  if (begin > 0) paging["previous"] = LinkWith(call, "before", paging["cursors"]["before"]);
  if (end < ids.size()) paging["next"] = LinkWith(call, "after", paging["cursors"]["after"]);
  out["paging"] = std::move(paging);
  return out;
}

}  // namespace wasim
