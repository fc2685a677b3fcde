#include <cctype>

#include "simulator/webhooks/sender.h"

namespace wasim::webhooks {
namespace {

bool AllDigits(const std::string& s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Result<CallbackUrl> ParseCallbackUrl(const std::string& url) {
  auto bad = [&](const std::string& why) {
    return InvalidParameterError("Invalid callback URL '" + url.substr(0, 200) + "': " + why);
  };
  CallbackUrl u;
  size_t sep = url.find("://");
  if (sep == std::string::npos) return bad("it must be an absolute http:// or https:// URL");
  u.scheme = url.substr(0, sep);
  for (auto& c : u.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u.scheme != "http" && u.scheme != "https") return bad("only http and https are supported");
  std::string rest = url.substr(sep + 3);
  size_t slash = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, slash);
  u.path_and_query = slash == std::string::npos ? "/" : rest.substr(slash);
  if (auto hash = u.path_and_query.find('#'); hash != std::string::npos) u.path_and_query.resize(hash);
  if (u.path_and_query.empty() || u.path_and_query[0] != '/') u.path_and_query = "/" + u.path_and_query;
  if (authority.find('@') != std::string::npos) return bad("credentials in the URL are not supported");
  for (char c : authority)
    if (static_cast<unsigned char>(c) <= ' ') return bad("the host contains spaces or control characters");
  u.port = u.scheme == "https" ? 443 : 80;
  size_t colon = authority.rfind(':');
  bool bracketed = !authority.empty() && authority.front() == '[';
  if (colon != std::string::npos && (!bracketed || authority.find(']') < colon)) {
    std::string port = authority.substr(colon + 1);
    if (!AllDigits(port) || std::stoi(port) < 1 || std::stoi(port) > 65535) return bad("invalid port");
    u.port = std::stoi(port);
    authority.resize(colon);
  }
  if (bracketed) authority = authority.substr(1, authority.size() > 1 ? authority.size() - 2 : 0);
  if (authority.empty()) return bad("the host is missing");
  u.host = authority;
  return u;
}

}  // namespace wasim::webhooks
