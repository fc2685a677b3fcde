#include "simulator/core/graph_versions.h"

#include <cctype>

#include "simulator/core/text.h"

namespace wasim {
namespace {

TimeMs VersionDay(const char* iso_date) { return *ParseIso8601(std::string(iso_date) + "T00:00:00Z"); }

bool VersionLive(const GraphVersionInfo& v, TimeMs now) {
  return v.released <= now && !(v.expires && now >= *v.expires);
}

std::string OldestLiveVersion(TimeMs now) {
  for (const auto& v : GraphVersionTable())
    if (VersionLive(v, now)) return v.name;
  return GraphVersionTable().back().name;  // before v26.0 exists: nothing older is live either
}

}  // namespace

const std::vector<GraphVersionInfo>& GraphVersionTable() {
  static const std::vector<GraphVersionInfo> table = {
      {"v16.0", VersionDay("2023-02-02"), VersionDay("2025-05-14"), ""},
      {"v17.0", VersionDay("2023-05-23"), VersionDay("2025-09-12"), ""},
      {"v18.0", VersionDay("2023-09-12"), VersionDay("2026-01-26"), ""},
      {"v19.0", VersionDay("2024-01-23"), VersionDay("2026-05-21"), ""},
      {"v20.0", VersionDay("2024-05-21"), VersionDay("2026-09-24"), ""},
      {"v21.0", VersionDay("2024-10-02"), VersionDay("2027-01-21"), ""},
      {"v22.0", VersionDay("2025-01-21"), VersionDay("2027-05-20"), ""},
      {"v23.0", VersionDay("2025-05-29"), VersionDay("2027-10-08"), "132018 template parameter diagnostics"},
      {"v24.0", VersionDay("2025-10-08"), VersionDay("2028-02-18"),
       "whatsapp_business_manager_messaging_limit; 131059 invalid paging cursor; no status "
       "`conversation` outside a free entry point window"},
      {"v25.0", VersionDay("2026-02-18"), VersionDay("2028-07-29"), "no WhatsApp-specific change found"},
      {"v26.0", VersionDay("2026-07-29"), std::nullopt, "no WhatsApp-specific change found"},
  };
  return table;
}

const char* DefaultGraphVersion() { return "v23.0"; }

bool LooksLikeGraphVersion(const std::string& s) {
  auto digits = [&](size_t from, size_t to) {
    if (to <= from || to - from > 2) return false;
    for (size_t i = from; i < to; ++i)
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
  };
  size_t dot = s.find('.');
  return s.size() > 1 && s[0] == 'v' && dot != std::string::npos && digits(1, dot) &&
         digits(dot + 1, s.size());
}

ServedVersion ServeGraphVersion(const std::string& requested, TimeMs now) {
  const std::string name = requested.empty() ? DefaultGraphVersion() : requested;
  const auto& table = GraphVersionTable();
  for (const auto& v : table) {
    if (v.name != name) continue;
    if (v.released > now) return {VersionServing::kUnknown, ""};
    if (VersionLive(v, now)) return {VersionServing::kServed, v.name};
    return {VersionServing::kUpgraded, OldestLiveVersion(now)};
  }
  // Older than the table (v2.x .. v15.0): long expired.
  if (GraphMajorVersion(name) < GraphMajorVersion(table.front().name))
    return {VersionServing::kUpgraded, OldestLiveVersion(now)};
  return {VersionServing::kUnknown, ""};
}

bool GraphVersionHas(const std::string& version, GraphFeature feature) {
  int since = 0;
  switch (feature) {
    case GraphFeature::kBusinessManagerMessagingLimitField:
    case GraphFeature::kInvalidCursorError:
    case GraphFeature::kStatusConversationOnlyInFep:
    case GraphFeature::kCapabilityLimitAsTierName:
      since = 24;
      break;
  }
  return GraphMajorVersion(version.empty() ? DefaultGraphVersion() : version) >= since;
}

}  // namespace wasim
