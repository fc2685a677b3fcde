// Small helpers for std::variant (one definition each).
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace wasim {

// std::visit with one lambda per alternative: std::visit(Overloaded{...}, v).
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// name(V{alternative I}) for every alternative of V, in declaration order
// (every alternative must be default-constructible).
template <class V, class NameOf>
std::vector<std::string> AlternativeNames(NameOf name) {
  std::vector<std::string> out;
  [&]<std::size_t... I>(std::index_sequence<I...>) { (out.push_back(name(V{std::in_place_index<I>})), ...); }
  (std::make_index_sequence<std::variant_size_v<V>>{});
  return out;
}

}  // namespace wasim
