#include "tests/support/openapi_validator.h"

#include <cmath>
#include <filesystem>

namespace wasim::testing {
namespace {

constexpr int kMaxDepth = 200;

// A YAML scalar as JSON: plain scalars that look like bools/numbers become those.
Json ScalarToJson(const YAML::Node& n) {
  const std::string& s = n.Scalar();
  if (n.Tag() == "!") return s;  // quoted
  if (s == "true") return true;
  if (s == "false") return false;
  if (s == "null" || s == "~") return nullptr;
  try {
    size_t used = 0;
    long long i = std::stoll(s, &used);
    if (used == s.size()) return i;
    double d = std::stod(s, &used);
    if (used == s.size()) return d;
  } catch (...) {
  }
  return s;
}

bool HasType(const Json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer")
    return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
  return true;  // unknown type keyword: not ours to judge
}

std::vector<std::string> Types(const YAML::Node& t) {
  std::vector<std::string> out;
  if (t.IsScalar()) out.push_back(t.Scalar());
  if (t.IsSequence())
    for (const auto& x : t) out.push_back(x.Scalar());
  return out;
}

}  // namespace

std::string ExpectedOpenApiPath() {
  return (std::filesystem::path(WASIM_SOURCE_DIR) / "fixtures" / "openapi" /
          "business-messaging-api_v23.0.subset.yaml")
      .lexically_normal()
      .string();
}

std::unique_ptr<OpenApiSpec> OpenApiSpec::Load(const std::string& file, std::string* error) {
  try {
    return std::unique_ptr<OpenApiSpec>(new OpenApiSpec(YAML::LoadFile(file)));
  } catch (const std::exception& e) {
    *error = e.what();
    return nullptr;
  }
}

std::unique_ptr<OpenApiSpec> OpenApiSpec::FromString(const std::string& yaml) {
  return std::unique_ptr<OpenApiSpec>(new OpenApiSpec(YAML::Load(yaml)));
}

std::optional<YAML::Node> OpenApiSpec::Ref(const std::string& ref) const {
  if (ref.rfind("#/", 0) != 0) return std::nullopt;
  const YAML::Node& root = root_;
  std::vector<YAML::Node> chain{root};
  size_t i = 2;
  while (i <= ref.size()) {
    size_t j = ref.find('/', i);
    if (j == std::string::npos) j = ref.size();
    std::string key = ref.substr(i, j - i);
    for (size_t p; (p = key.find("~1")) != std::string::npos;) key.replace(p, 2, "/");
    for (size_t p; (p = key.find("~0")) != std::string::npos;) key.replace(p, 2, "~");
    const YAML::Node& parent = chain.back();
    if (!parent.IsMap()) return std::nullopt;
    YAML::Node next = parent[key];
    if (!next) return std::nullopt;
    chain.push_back(next);
    i = j + 1;
  }
  return chain.back();
}

YAML::Node OpenApiSpec::Resolve(const YAML::Node& schema) const {
  // reset() rebinds; operator= would overwrite the node inside the document.
  YAML::Node s;
  s.reset(schema);
  // Lookups through a const Node: non-const operator[] inserts keys.
  for (int hops = 0; hops < 32; ++hops) {
    const YAML::Node& cs = s;
    if (!cs.IsMap() || !cs["$ref"]) break;
    auto target = Ref(cs["$ref"].Scalar());
    if (!target) break;
    s.reset(*target);
  }
  return s;
}

std::optional<YAML::Node> OpenApiSpec::ResponseSchema(const std::string& path_template,
                                                      const std::string& method,
                                                      const std::string& status) const {
  const YAML::Node& root = root_;
  const YAML::Node op = root["paths"][path_template][method];
  if (!op || !op.IsMap()) return std::nullopt;
  const YAML::Node raw = op["responses"][status];
  if (!raw) return std::nullopt;
  const YAML::Node resp = Resolve(raw);
  const YAML::Node schema = resp["content"]["application/json"]["schema"];
  if (!schema) return std::nullopt;
  return schema;
}

std::vector<std::string> OpenApiSpec::Validate(const YAML::Node& schema, const Json& value) const {
  std::vector<std::string> out;
  Check(schema, value, "$", 0, &out);
  return out;
}

bool OpenApiSpec::Matches(const YAML::Node& schema, const Json& v, int depth) const {
  std::vector<std::string> errs;
  Check(schema, v, "$", depth, &errs);
  return errs.empty();
}

void OpenApiSpec::Check(const YAML::Node& raw, const Json& v, const std::string& path, int depth,
                        std::vector<std::string>* out) const {
  if (depth > kMaxDepth) return out->push_back(path + ": schema nesting too deep (cyclic $ref?)");
  const YAML::Node s = Resolve(raw);
  if (!s.IsMap()) return;  // true/empty schema
  if (v.is_null() && s["nullable"] && s["nullable"].Scalar() == "true") return;
  if (auto t = s["type"]) {
    auto types = Types(t);
    bool ok = types.empty();
    for (const auto& ty : types) ok = ok || HasType(v, ty);
    if (!ok) {
      std::string want;
      for (const auto& ty : types) want += (want.empty() ? "" : "|") + ty;
      return out->push_back(path + ": is " + std::string(v.type_name()) + ", schema wants " + want);
    }
  }
  if (auto e = s["enum"]; e && e.IsSequence()) {
    bool found = false;
    for (const auto& x : e)
      found = found || (x.IsScalar() && ScalarToJson(x) == v) || (x.IsNull() && v.is_null());
    if (!found) out->push_back(path + ": " + v.dump() + " is not in the schema's enum");
  }
  if (auto c = s["const"]; c && c.IsScalar() && ScalarToJson(c) != v)
    out->push_back(path + ": " + v.dump() + " differs from const " + c.Scalar());
  if (auto all = s["allOf"]; all && all.IsSequence())
    for (const auto& sub : all) Check(sub, v, path, depth + 1, out);
  if (auto any = s["anyOf"]; any && any.IsSequence()) {
    bool ok = false;
    for (const auto& sub : any) ok = ok || Matches(sub, v, depth + 1);
    if (!ok) out->push_back(path + ": matches none of anyOf");
  }
  if (auto one = s["oneOf"]; one && one.IsSequence()) {
    int n = 0;
    for (const auto& sub : one) n += Matches(sub, v, depth + 1) ? 1 : 0;
    if (n != 1) out->push_back(path + ": matches " + std::to_string(n) + " of oneOf (needs exactly 1)");
  }
  if (v.is_object()) {
    const YAML::Node props = s["properties"];
    if (auto req = s["required"]; req && req.IsSequence())
      for (const auto& r : req)
        if (!v.contains(r.Scalar()))
          out->push_back(path + ": required property '" + r.Scalar() + "' missing");
    const YAML::Node extra = s["additionalProperties"];
    for (const auto& [k, child] : v.items()) {
      YAML::Node p = props && props.IsMap() ? props[k] : YAML::Node();
      if (p) {
        Check(p, child, path + "." + k, depth + 1, out);
      } else if (extra && extra.IsScalar() && extra.Scalar() == "false") {
        out->push_back(path + "." + k + ": not allowed (additionalProperties: false)");
      } else if (extra && extra.IsMap()) {
        Check(extra, child, path + "." + k, depth + 1, out);
      }
    }
  }
  if (v.is_array())
    if (auto items = s["items"])
      for (size_t i = 0; i < v.size(); ++i)
        Check(items, v[i], path + "[" + std::to_string(i) + "]", depth + 1, out);
}

}  // namespace wasim::testing
