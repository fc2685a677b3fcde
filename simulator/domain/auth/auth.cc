#include "simulator/domain/auth/auth.h"

#include <algorithm>

#include "simulator/core/http_time.h"

namespace wasim {

Result<Principal> Authenticate(const Accounts& accounts, std::string_view token, TimeMs now) {
  if (token.empty()) return NoAccessTokenError();
  if (auto bar = token.find('|'); bar != std::string_view::npos) {
    std::string app_id(token.substr(0, bar));
    auto it = accounts.apps.find(app_id);
    if (it == accounts.apps.end() || it->second.secret != token.substr(bar + 1)) return MalformedTokenError();
    Principal p;
    p.token = std::string(token);
    p.app_id = app_id;
    p.is_app_token = true;
    return p;
  }
  auto it = accounts.tokens.find(std::string(token));
  if (it == accounts.tokens.end()) return MalformedTokenError();
  const AccessToken& t = it->second;
  // Graph's wording (captured, e.g. blynkkk/blynk-server#435): "Error validating
  // access token: Session has expired on Sunday, 25-Dec-16 04:45:57 PST. The
  // current time is Thursday, 05-Jan-17 03:13:18 PST." (subcode 463).
  if (t.expires_at && now >= *t.expires_at)
    return ExpiredTokenError(FormatGraphSessionTime(*t.expires_at) + ". The current time is " +
                             FormatGraphSessionTime(now));
  Principal p;
  p.token = t.token;
  p.app_id = t.app_id;
  p.waba_ids = t.waba_ids;
  return p;
}

const char* NodeTypeName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kApp:
      return "Application";
    case NodeKind::kBusiness:
      return "Business";
    case NodeKind::kWaba:
      return "WhatsAppBusinessAccount";
    case NodeKind::kPhoneNumber:
      return "WhatsAppBusinessPhoneNumber";
    case NodeKind::kTemplate:
      return "WhatsAppMessageTemplate";
    case NodeKind::kMedia:
      return "WhatsAppBusinessMedia";
    case NodeKind::kUploadSession:
      return "UploadSession";  // Assumption: Graph's type name is not documented
    case NodeKind::kNone:
      break;
  }
  return "Unknown";
}

NodeRef ResolveNode(const SimState& s, const std::string& id) {
  if (auto* p = s.accounts.FindPhone(id)) return {NodeKind::kPhoneNumber, id, p->waba_id};
  if (s.accounts.FindWaba(id)) return {NodeKind::kWaba, id, id};
  if (const MessageTemplate* t = s.templates.Get(id)) return {NodeKind::kTemplate, id, t->waba_id};
  if (auto it = s.media.by_id.find(id); it != s.media.by_id.end())
    return {NodeKind::kMedia, id, it->second.waba_id};
  if (auto it = s.uploads.sessions.find(id); it != s.uploads.sessions.end())
    return {NodeKind::kUploadSession, id, ""};
  if (s.accounts.apps.count(id)) return {NodeKind::kApp, id, ""};
  if (s.accounts.businesses.count(id)) return {NodeKind::kBusiness, id, ""};
  return {};
}

bool CanAccess(const SimState& s, const Principal& p, const NodeRef& node) {
  switch (node.kind) {
    case NodeKind::kNone:
      return false;
    case NodeKind::kApp:
      return p.app_id == node.id;
    case NodeKind::kUploadSession: {
      // A session belongs to the app whose token opened it.
      auto it = s.uploads.sessions.find(node.id);
      return it != s.uploads.sessions.end() && it->second.app_id == p.app_id;
    }
    case NodeKind::kBusiness:
      if (p.is_app_token) return false;
      for (const auto& w : p.waba_ids) {
        const Waba* waba = s.accounts.FindWaba(w);
        if (waba && waba->business_id == node.id) return true;
      }
      return false;
    default:
      if (p.is_app_token) return false;
      return std::find(p.waba_ids.begin(), p.waba_ids.end(), node.waba_id) != p.waba_ids.end();
  }
}

}  // namespace wasim
