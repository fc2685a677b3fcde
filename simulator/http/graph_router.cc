#include "simulator/http/graph_router.h"

#include <stdexcept>

namespace wasim {

void GraphRouter::Add(NodeKind kind, const std::string& method, const std::string& edge, GraphHandler h,
                      GraphDecoder decode) {
  auto decoding = decoding_kind_.find({method, edge});
  if (decoding != decoding_kind_.end() && decoding->second == kind) decoding_kind_.erase(decoding);
  if (decode) {
    if (!decoding_kind_.emplace(std::pair(method, edge), kind).second)
      throw std::logic_error("GraphRouter: a second kind declares a decoder for " + method + " " + edge);
  }
  routes_[{kind, method, edge}] = GraphRoute{std::move(h), std::move(decode)};
}

const GraphRoute* GraphRouter::Find(NodeKind kind, const std::string& method, const std::string& edge) const {
  auto it = routes_.find({kind, method, edge});
  return it == routes_.end() ? nullptr : &it->second;
}

const GraphRoute* GraphRouter::DecodingRoute(const std::string& method, const std::string& edge) const {
  auto it = decoding_kind_.find({method, edge});
  return it == decoding_kind_.end() ? nullptr : Find(it->second, method, edge);
}

void GraphRouter::AddPublic(const std::string& method, const std::string& path, PublicGraphHandler h) {
  public_[{method, path}] = std::move(h);
}

const PublicGraphHandler* GraphRouter::FindPublic(const std::string& method, const std::string& path) const {
  if (public_.empty()) return nullptr;
  auto it = public_.find({method, path});
  return it == public_.end() ? nullptr : &it->second;
}

bool GraphRouter::HasEdge(NodeKind kind, const std::string& edge) const {
  for (const auto& [key, h] : routes_)
    if (std::get<0>(key) == kind && std::get<2>(key) == edge) return true;
  return false;
}

void GraphRouter::ForEachRoute(
    const std::function<void(NodeKind, const std::string&, const std::string&)>& fn) const {
  for (const auto& [key, h] : routes_) fn(std::get<0>(key), std::get<1>(key), std::get<2>(key));
}

std::string ParamString(const Json& params, const char* key) {
  if (!params.is_object() || !params.contains(key) || !params[key].is_string()) return "";
  return params[key].get<std::string>();
}

GraphRouter GraphApiRouter() {
  GraphRouter r;
  RegisterMessagesRoutes(r);
  RegisterPhoneNumberRoutes(r);
  RegisterUsernameRoutes(r);
  RegisterBusinessProfileRoutes(r);
  RegisterWabaRoutes(r);
  RegisterMediaRoutes(r);
  RegisterUploadRoutes(r);
  RegisterTemplateRoutes(r);
  RegisterSubscriptionRoutes(r);
  RegisterCoexistenceRoutes(r);
  RegisterOnboardingRoutes(r);
  RegisterRegistrationRoutes(r);
  return r;
}

Result<GraphReply> SuccessReply() {
  Json j;
  j["success"] = true;
  return GraphReply::Of(std::move(j));
}

}  // namespace wasim
