// The machinery of the complete-state codec (persist/): nlohmann's
// adl_serializer specialised per type, in this module only (domain headers
// stay free of JSON codecs), and a reader that names the JSON path of what it
// could not read.
//
//   WASIM_PERSIST_CODEC(wasim::App, id, name, secret)  // one line per struct
//   WASIM_PERSIST_ENUM(wasim::NumberMode, {wasim::NumberMode::kCloud, "cloud"}, ...)
//
// Writing is nlohmann's own (NLOHMANN_JSON_TO per member). Reading goes through
// persist::ReadValue, which keeps a member's default when its key is absent
// (as NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT does) and, on a value
// of the wrong shape, throws DocError with the path ("$.world.wabas[\"1\"].locked")
// and what was expected. Containers are read element by element so the
// index or key is part of that path. Thread-safety: pure functions.
#pragma once
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "simulator/core/json.h"

namespace wasim::persist {

// A document that cannot be read: where, and what was expected there.
class DocError : public std::runtime_error {
 public:
  DocError(std::string path, std::string problem)
      : std::runtime_error(problem), path_(std::move(path)), problem_(std::move(problem)) {}
  const std::string& path() const { return path_; }
  const std::string& problem() const { return problem_; }
  DocError Under(const std::string& prefix) const { return DocError(prefix + path_, problem_); }

 private:
  std::string path_;
  std::string problem_;
};

template <class T>
void ReadValue(const Json& j, T& out);

namespace codec_detail {
template <class T>
struct IsVectorLike : std::false_type {};
template <class T>
struct IsVectorLike<std::vector<T>> : std::true_type {};
template <class T>
struct IsVectorLike<std::deque<T>> : std::true_type {};
template <class T>
struct IsSet : std::false_type {};
template <class T>
struct IsSet<std::set<T>> : std::true_type {};
template <class T>
struct IsMap : std::false_type {};
template <class K, class V, class C>
struct IsMap<std::map<K, V, C>> : std::true_type {};
template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsPair : std::false_type {};
template <class A, class B>
struct IsPair<std::pair<A, B>> : std::true_type {};

inline std::string Index(size_t i) { return "[" + std::to_string(i) + "]"; }
inline std::string Key(const std::string& k) { return "[" + Json(k).dump() + "]"; }

template <class F>
void At(const std::string& where, F&& f) {
  try {
    f();
  } catch (const DocError& e) {
    throw e.Under(where);
  }
}
inline void Expect(const Json& j, bool ok, const char* what) {
  if (!ok) throw DocError("", std::string("expected ") + what + ", found " + j.type_name());
}
}  // namespace codec_detail

template <class T>
void ReadValue(const Json& j, T& out) {
  using namespace codec_detail;
  if constexpr (std::is_same_v<T, Json>) {
    out = j;
  } else if constexpr (IsOptional<T>::value) {
    if (j.is_null()) {
      out.reset();
    } else {
      typename T::value_type v{};
      ReadValue(j, v);
      out = std::move(v);
    }
  } else if constexpr (IsVectorLike<T>::value) {
    Expect(j, j.is_array(), "an array");
    T result;
    for (size_t i = 0; i < j.size(); ++i) {
      typename T::value_type v{};
      At(Index(i), [&] { ReadValue(j[i], v); });
      result.push_back(std::move(v));
    }
    out = std::move(result);
  } else if constexpr (IsSet<T>::value) {
    Expect(j, j.is_array(), "an array");
    T result;
    for (size_t i = 0; i < j.size(); ++i) {
      typename T::value_type v{};
      At(Index(i), [&] { ReadValue(j[i], v); });
      result.insert(std::move(v));
    }
    out = std::move(result);
  } else if constexpr (IsPair<T>::value) {
    Expect(j, j.is_array() && j.size() == 2, "a two-element array");
    At(Index(0), [&] { ReadValue(j[0], out.first); });
    At(Index(1), [&] { ReadValue(j[1], out.second); });
  } else if constexpr (IsMap<T>::value) {
    T result;
    if constexpr (std::is_same_v<typename T::key_type, std::string>) {
      Expect(j, j.is_object(), "an object");
      for (auto it = j.begin(); it != j.end(); ++it) {
        typename T::mapped_type v{};
        At(Key(it.key()), [&] { ReadValue(it.value(), v); });
        result.emplace(it.key(), std::move(v));
      }
    } else {
      // nlohmann writes a map with non-string keys as [[key, value], ...].
      Expect(j, j.is_array(), "an array of [key, value]");
      for (size_t i = 0; i < j.size(); ++i) {
        std::pair<typename T::key_type, typename T::mapped_type> kv{};
        At(Index(i), [&] { ReadValue(j[i], kv); });
        result.emplace(std::move(kv));
      }
    }
    out = std::move(result);
  } else if constexpr (std::is_same_v<T, bool>) {
    Expect(j, j.is_boolean(), "a boolean");
    out = j.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    Expect(j, j.is_number_integer(), "an integer");
    out = j.get<T>();
  } else if constexpr (std::is_floating_point_v<T>) {
    Expect(j, j.is_number(), "a number");
    out = j.get<T>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    Expect(j, j.is_string(), "a string");
    out = j.get<std::string>();
  } else {
    // A type with a WASIM_PERSIST_CODEC / WASIM_PERSIST_ENUM serializer.
    try {
      nlohmann::adl_serializer<T>::from_json(j, out);
    } catch (const DocError&) {
      throw;
    } catch (const Json::exception& e) {
      throw DocError("", e.what());
    }
  }
}

// A member: absent keeps the default; a wrong value names ".key".
template <class T>
void ReadField(const Json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it == j.end()) return;
  codec_detail::At(std::string(".") + key, [&] { ReadValue(*it, out); });
}

// A member that must be present.
template <class T>
void ReadRequired(const Json& j, const char* key, T& out) {
  if (!j.contains(key)) throw DocError(std::string(".") + key, "is missing");
  ReadField(j, key, out);
}

inline void ExpectObject(const Json& j) { codec_detail::Expect(j, j.is_object(), "an object"); }

}  // namespace wasim::persist

namespace nlohmann {
// std::optional: null when empty (nlohmann 3.11 has no codec of its own for it).
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(::wasim::Json& j, const std::optional<T>& v) {
    if (v) {
      j = *v;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const ::wasim::Json& j, std::optional<T>& v) { ::wasim::persist::ReadValue(j, v); }
};
}  // namespace nlohmann

#define WASIM_PERSIST_FROM(v1) ::wasim::persist::ReadField(nlohmann_json_j, #v1, nlohmann_json_t.v1);

// One struct's codec: every listed member, by its own name.
#define WASIM_PERSIST_CODEC(Type, ...)                                                   \
  namespace nlohmann {                                                                   \
  template <>                                                                            \
  struct adl_serializer<Type> {                                                          \
    static void to_json(::wasim::Json& nlohmann_json_j, const Type& nlohmann_json_t) {   \
      nlohmann_json_j = ::wasim::Json::object();                                         \
      NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__))           \
    }                                                                                    \
    static void from_json(const ::wasim::Json& nlohmann_json_j, Type& nlohmann_json_t) { \
      ::wasim::persist::ExpectObject(nlohmann_json_j);                                   \
      NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(WASIM_PERSIST_FROM, __VA_ARGS__))         \
    }                                                                                    \
  };                                                                                     \
  }

// An enum as names; an unknown name is refused (nlohmann's
// NLOHMANN_JSON_SERIALIZE_ENUM would silently take the first value).
#define WASIM_PERSIST_ENUM(Type, ...)                                                         \
  namespace nlohmann {                                                                        \
  template <>                                                                                 \
  struct adl_serializer<Type> {                                                               \
    static const std::vector<std::pair<Type, const char*>>& Names() {                         \
      static const std::vector<std::pair<Type, const char*>> names = {__VA_ARGS__};           \
      return names;                                                                           \
    }                                                                                         \
    static void to_json(::wasim::Json& j, const Type& v) {                                    \
      for (const auto& [e, n] : Names())                                                      \
        if (e == v) {                                                                         \
          j = n;                                                                              \
          return;                                                                             \
        }                                                                                     \
      j = nullptr;                                                                            \
    }                                                                                         \
    static void from_json(const ::wasim::Json& j, Type& v) {                                  \
      std::string all;                                                                        \
      for (const auto& [e, n] : Names()) {                                                    \
        if (j.is_string() && j.get_ref<const std::string&>() == n) {                          \
          v = e;                                                                              \
          return;                                                                             \
        }                                                                                     \
        all += std::string(all.empty() ? "" : ", ") + n;                                      \
      }                                                                                       \
      throw ::wasim::persist::DocError("", "expected one of " + all + ", found " + j.dump()); \
    }                                                                                         \
  };                                                                                          \
  }
