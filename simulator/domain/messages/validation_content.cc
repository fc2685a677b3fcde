// Location, contacts and reaction messages.
#include "simulator/domain/messages/validation_rules.h"

namespace wasim::messages {
namespace {

// Assumption: latitude/longitude must be JSON numbers (Meta's docs show numbers).
Status RequireCoordinate(const Json& p, const char* key, double limit) {
  std::string where = Sub("location", key);
  if (!p.contains(key)) return ParamRequired(where);
  if (!p[key].is_number()) return ParamWrongType(where, "a number");
  double v = p[key].get<double>();
  if (v < -limit || v > limit) {
    std::string l = std::to_string(static_cast<int>(limit));
    return SchemaParamError("Param " + where + " must be between -" + l + " and " + l + ".");
  }
  return {};
}

// Optional array whose items are objects (phones, emails, addresses, urls).
Status ObjectArray(const Json& contact, const char* key, const std::string& where) {
  if (!contact.contains(key)) return {};
  const Json& a = contact[key];
  std::string path = Sub(where, key);
  if (!a.is_array()) return ParamWrongType(path, "an array");
  for (size_t i = 0; i < a.size(); ++i)
    if (!a[i].is_object()) return ParamWrongType(At(path, i), "an object");
  return {};
}

Status ValidateContact(const Json& c, const std::string& where) {
  if (!c.is_object()) return ParamWrongType(where, "an object");
  // Meta: name.formatted_name is the one required field of a contact.
  if (auto s = RequireObject(c, "name", Sub(where, "name")); !s) return s;
  const std::string name = Sub(where, "name");
  if (auto s = RequireString(c["name"], "formatted_name", Sub(name, "formatted_name"), 1024); !s) return s;
  for (const char* key : {"phones", "emails", "addresses", "urls"})
    if (auto s = ObjectArray(c, key, where); !s) return s;
  if (auto s = RequireObject(c, "org", Sub(where, "org"), false); !s) return s;
  return RequireString(c, "birthday", Sub(where, "birthday"), 64, false);
}

}  // namespace

Status ValidateLocation(const Json& p) {
  if (!p.is_object()) return ParamWrongType("location", "an object");
  if (auto s = RequireCoordinate(p, "latitude", 90); !s) return s;
  if (auto s = RequireCoordinate(p, "longitude", 180); !s) return s;
  // Assumption: no documented length limit for name/address; 1024 as a sanity cap.
  if (auto s = RequireString(p, "name", "location['name']", 1024, false); !s) return s;
  return RequireString(p, "address", "location['address']", 1024, false);
}

Status ValidateContacts(const Json& p) {
  if (!p.is_array()) return ParamWrongType("contacts", "an array");
  // Meta: up to 257 contacts per message. Assumption: the wording of both errors.
  if (p.empty()) return SchemaParamError("Param contacts must contain at least 1 element.");
  if (p.size() > limits::kContacts)
    return SchemaParamError("Param contacts must contain at most " + std::to_string(limits::kContacts) +
                            " elements.");
  for (size_t i = 0; i < p.size(); ++i)
    if (auto s = ValidateContact(p[i], At("contacts", i)); !s) return s;
  return {};
}

Status ValidateReaction(const Json& p) {
  if (!p.is_object()) return ParamWrongType("reaction", "an object");
  if (auto s = RequireString(p, "message_id", "reaction['message_id']", 1024); !s) return s;
  if (p["message_id"].get_ref<const std::string&>().empty()) return ParamRequired("reaction['message_id']");
  // Meta: emoji is required; an empty string removes a previous reaction.
  // Assumption: 64 characters is enough for any emoji sequence.
  return RequireString(p, "emoji", "reaction['emoji']", 64);
}

}  // namespace wasim::messages
