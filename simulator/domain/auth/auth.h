// Access tokens and object ownership (the tenant boundary).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/result.h"
#include "simulator/core/time.h"
#include "simulator/domain/state.h"

namespace wasim {

struct Principal {
  std::string token;
  std::string app_id;
  std::vector<std::string> waba_ids;
  bool is_app_token = false;  // "{app-id}|{app-secret}"
};

// Graph's checks, in Graph's order: missing (104), unparseable (190),
// unknown (190), expired (190/463).
Result<Principal> Authenticate(const Accounts& accounts, std::string_view token, TimeMs now);

// kUploadSession: a Resumable Upload API session ("upload:<id>").
enum class NodeKind { kNone, kApp, kBusiness, kWaba, kPhoneNumber, kTemplate, kMedia, kUploadSession };

// Graph node type names as they appear in Graph errors.
const char* NodeTypeName(NodeKind kind);

struct NodeRef {
  NodeKind kind = NodeKind::kNone;
  std::string id;
  std::string waba_id;  // owning WABA (for ownership checks); empty for apps/businesses
};

NodeRef ResolveNode(const SimState& state, const std::string& id);

// Whether `p` may touch `node`. Foreign objects look exactly like unknown ones
// (Meta: code 100, subcode 33).
bool CanAccess(const SimState& state, const Principal& p, const NodeRef& node);

}  // namespace wasim
