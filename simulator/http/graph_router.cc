#include "simulator/http/graph_router.h"

namespace wasim {

void GraphRouter::Add(NodeKind kind, const std::string& method, const std::string& edge, GraphHandler h) {
  routes_[{kind, method, edge}] = std::move(h);
}

const GraphHandler* GraphRouter::Find(NodeKind kind, const std::string& method,
                                      const std::string& edge) const {
  auto it = routes_.find({kind, method, edge});
  return it == routes_.end() ? nullptr : &it->second;
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

Result<GraphReply> SuccessReply() {
  Json j;
  j["success"] = true;
  return GraphReply::Of(std::move(j));
}

}  // namespace wasim
