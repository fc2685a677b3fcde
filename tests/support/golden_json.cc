#include "tests/support/golden_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wasim::testing {
namespace {

std::string TypeName(const Json& j) {
  if (j.is_number_integer()) return "integer";  // signed and unsigned alike
  return j.type_name();
}

void Diff(const Json& e, const Json& a, const GoldenOptions& o, const std::string& path,
          const std::string& key, std::vector<std::string>* out);

void DiffObjects(const Json& e, const Json& a, const GoldenOptions& o, const std::string& path,
                 std::vector<std::string>* out) {
  std::vector<std::string> common_e, common_a;
  for (const auto& [k, v] : e.items()) {
    if (a.contains(k))
      common_e.push_back(k);
    else if (!o.allowed_missing.count(k))
      out->push_back(path + "." + k + ": missing (Meta sends it)");
  }
  for (const auto& [k, v] : a.items()) {
    if (e.contains(k))
      common_a.push_back(k);
    else if (!o.example_is_partial && !o.allowed_extra.count(k))
      out->push_back(path + "." + k + ": extra key (not in Meta's example)");
  }
  if (common_e != common_a) {
    std::string want, got;
    for (const auto& k : common_e) want += k + " ";
    for (const auto& k : common_a) got += k + " ";
    out->push_back(path + ": key order differs: Meta [" + want + "] ours [" + got + "]");
  }
  for (const auto& k : common_e) Diff(e[k], a[k], o, path + "." + k, k, out);
}

void Diff(const Json& e, const Json& a, const GoldenOptions& o, const std::string& path,
          const std::string& key, std::vector<std::string>* out) {
  if (TypeName(e) != TypeName(a)) {
    out->push_back(path + ": type " + TypeName(a) + ", Meta has " + TypeName(e));
    return;
  }
  if (e.is_object()) return DiffObjects(e, a, o, path, out);
  if (e.is_array()) {
    if (!e.empty() && a.empty()) out->push_back(path + ": empty array, Meta's example has elements");
    for (size_t i = 0; i < a.size() && !e.empty(); ++i)
      Diff(e[std::min(i, e.size() - 1)], a[i], o, path + "[" + std::to_string(i) + "]", key, out);
    return;
  }
  if (o.value_exempt.count(key)) return;
  if (e != a) out->push_back(path + ": value " + a.dump() + ", Meta has " + e.dump());
}

}  // namespace

std::vector<std::string> GoldenDiff(const Json& expected, const Json& actual, const GoldenOptions& o) {
  std::vector<std::string> out;
  Diff(expected, actual, o, "$", "", &out);
  return out;
}

Json LoadFixture(const std::string& relative) {
  std::filesystem::path p = std::filesystem::path(WASIM_SOURCE_DIR) / "fixtures" / relative;
  std::ifstream in(p, std::ios::binary);
  EXPECT_TRUE(in.good()) << "fixture not found: " << p;
  std::stringstream ss;
  ss << in.rdbuf();
  Json j = Json::parse(ss.str(), nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "fixture is not JSON: " << p;
  return j;
}

std::string IndentedLines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += "  " + s + "\n";
  return out;
}

}  // namespace wasim::testing
