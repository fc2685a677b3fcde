// The Graph API versions wasim knows, in one table, and how a request's
// version is served on the virtual clock.
//
// Meta (Graph "Platform Versioning" guide, developers.facebook.com/docs/graph-api/
// guides/versioning): "once a version is no longer usable, any calls made to it
// will be defaulted to the next oldest usable version"; the version Graph served
// is reported in the facebook-api-version response header. Release and expiry
// dates: Graph API changelog "Available Graph API versions" table (and
// /work/shared digest §13.3). Instants are 00:00 UTC of the dates (assumption:
// Meta gives days, not times).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/time.h"

namespace wasim {

struct GraphVersionInfo {
  std::string name;               // "v23.0"
  TimeMs released = 0;            // introduced
  std::optional<TimeMs> expires;  // "available until" (nullopt: not announced)
  const char* changes = "";       // what changed for the emulated surface
};

// v16.0 .. v26.0, oldest first.
const std::vector<GraphVersionInfo>& GraphVersionTable();

// The version an app calls when the path has none (the App Dashboard's
// default; assumption: v23.0, as wasim's examples use it).
const char* DefaultGraphVersion();

// "v23.0"-shaped: 'v', 1-2 digits, '.', 1-2 digits. Anything else in the first
// path segment is not a version (Graph reads it as a node id).
bool LooksLikeGraphVersion(const std::string& segment);

enum class VersionServing { kServed, kUpgraded, kUnknown };

struct ServedVersion {
  VersionServing how = VersionServing::kServed;
  std::string version;  // what Graph serves (and reports); "" when kUnknown
};

// How a request naming `requested` ("" = none: the default version) is
// served at `now`. A version older than the table, or in it and expired, is
// upgraded to the oldest live one; a version not (yet) released, or not in
// the table at all, is unknown (Graph answers (#2500) Unknown path components;
// an assumption from public reports, e.g. arsduo/koala#611).
ServedVersion ServeGraphVersion(const std::string& requested, TimeMs now);

// Version-gated behaviour of the emulated surface, each from the version that
// introduced it (Meta: whatsapp/changelog.mdx, v24.0 entries).
enum class GraphFeature {
  kBusinessManagerMessagingLimitField,  // whatsapp_business_manager_messaging_limit (v24.0)
  kInvalidCursorError,                  // 131059 on a bad paging cursor (v24.0)
  kStatusConversationOnlyInFep,         // status webhooks drop `conversation` outside a FEP window (v24.0)
  kCapabilityLimitAsTierName,  // business_capability_update: max_daily_conversations_per_business (v24.0)
};

// Whether a call (or webhook) in `version` has `feature`; "" is the default version.
bool GraphVersionHas(const std::string& version, GraphFeature feature);

}  // namespace wasim
