// Interactive messages: reply buttons, list and cta_url (Meta's pages
// interactive-reply-buttons-messages, interactive-list-messages,
// interactive-cta-url-messages). Limit errors are 131009 (see validation_rules.h).
#include <set>

#include "simulator/domain/messages/validation_rules.h"

namespace wasim::messages {
namespace {

const std::string kI = "interactive";

GraphError ValueInvalid(std::string details) {
  return MakeError(ErrorCode::kParameterValueInvalid, std::move(details));
}

Status ValidateBody(const Json& p, size_t max) {
  if (auto s = RequireObject(p, "body", Sub(kI, "body")); !s) return s;
  return RequireBoundedText(p["body"], "text", Sub(Sub(kI, "body"), "text"), "Body text", 1, max);
}

Status ValidateFooter(const Json& p) {
  if (auto s = RequireObject(p, "footer", Sub(kI, "footer"), false); !s || !p.contains("footer")) return s;
  // Captured: "Footer text length invalid. Min length: 0, Max length: 60".
  return RequireBoundedText(p["footer"], "text", Sub(Sub(kI, "footer"), "text"), "Footer text", 0,
                            limits::kFooterText);
}

// Meta: list headers are text only; buttons and cta_url also take image/video/document.
Status ValidateHeader(const Json& p, bool media_allowed) {
  if (auto s = RequireObject(p, "header", Sub(kI, "header"), false); !s || !p.contains("header")) return s;
  const Json& h = p["header"];
  const std::string where = Sub(kI, "header");
  if (auto s = RequireString(h, "type", Sub(where, "type"), 64); !s) return s;
  const std::string type = h["type"].get<std::string>();
  if (type == "text")
    return RequireBoundedText(h, "text", Sub(where, "text"), "Header text", 1, limits::kHeaderText);
  if (media_allowed && (type == "image" || type == "video" || type == "document")) {
    if (!h.contains(type)) return ParamRequired(Sub(where, type));
    return ValidateMediaObject(h[type], Sub(where, type));
  }
  return ParamNotOneOf(Sub(where, "type"), media_allowed ? "text, image, video, document" : "text", type);
}

Status ValidateReplyButton(const Json& b, const std::string& where, std::set<std::string>& ids,
                           std::set<std::string>& titles) {
  if (!b.is_object()) return ParamWrongType(where, "an object");
  if (auto s = RequireString(b, "type", Sub(where, "type"), 64); !s) return s;
  if (b["type"] != "reply") return ParamNotOneOf(Sub(where, "type"), "reply", b["type"].get<std::string>());
  if (auto s = RequireObject(b, "reply", Sub(where, "reply")); !s) return s;
  const Json& r = b["reply"];
  const std::string rw = Sub(where, "reply");
  if (auto s = RequireBoundedText(r, "id", Sub(rw, "id"), "Button id", 1, limits::kReplyButtonId); !s)
    return s;
  if (auto s = RequireBoundedText(r, "title", Sub(rw, "title"), "Button title", 1, limits::kReplyButtonTitle);
      !s)
    return s;
  // Meta: ids identify buttons uniquely and titles must be unique. Assumption: wording.
  if (!ids.insert(r["id"].get<std::string>()).second) return ValueInvalid("Button id must be unique.");
  if (!titles.insert(r["title"].get<std::string>()).second)
    return ValueInvalid("Button title must be unique.");
  return {};
}

Status ValidateButtonAction(const Json& action) {
  const std::string where = Sub(Sub(kI, "action"), "buttons");
  if (!action.contains("buttons")) return ParamRequired(where);
  const Json& buttons = action["buttons"];
  if (!buttons.is_array()) return ParamWrongType(where, "an array");
  // Captured: "Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3".
  if (buttons.empty() || buttons.size() > limits::kReplyButtons)
    return ValueInvalid("Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: " +
                        std::to_string(limits::kReplyButtons));
  std::set<std::string> ids, titles;
  for (size_t i = 0; i < buttons.size(); ++i)
    if (auto s = ValidateReplyButton(buttons[i], At(where, i), ids, titles); !s) return s;
  return {};
}

Status ValidateRow(const Json& row, const std::string& where, std::set<std::string>& ids) {
  if (!row.is_object()) return ParamWrongType(where, "an object");
  if (auto s = RequireBoundedText(row, "id", Sub(where, "id"), "Row id", 1, limits::kListRowId); !s) return s;
  if (auto s = RequireBoundedText(row, "title", Sub(where, "title"), "Row title", 1, limits::kListRowTitle);
      !s)
    return s;
  if (auto s = RequireBoundedText(row, "description", Sub(where, "description"), "Row description", 0,
                                  limits::kListRowDescription, false);
      !s)
    return s;
  // Meta: the row id comes back in the list_reply webhook. Assumption: ids must be unique.
  if (!ids.insert(row["id"].get<std::string>()).second) return ValueInvalid("Row id must be unique.");
  return {};
}

// Meta (older reference): a section title is required when there is more than
// one section. The current page marks it required always; we accept a single
// untitled section (Assumption).
Status ValidateSection(const Json& sec, const std::string& where, bool title_required, size_t& rows_total,
                       std::set<std::string>& ids) {
  if (!sec.is_object()) return ParamWrongType(where, "an object");
  if (auto s = RequireBoundedText(sec, "title", Sub(where, "title"), "Section title", 1,
                                  limits::kListSectionTitle, title_required);
      !s)
    return s;
  const std::string rows_where = Sub(where, "rows");
  if (!sec.contains("rows")) return ParamRequired(rows_where);
  const Json& rows = sec["rows"];
  if (!rows.is_array()) return ParamWrongType(rows_where, "an array");
  // Assumption: an empty section is invalid (Meta: "at least one row is required").
  if (rows.empty()) return ValueInvalid("Invalid rows count. Min allowed rows: 1, Max allowed rows: 10");
  rows_total += rows.size();
  // Captured: "Total row count exceed max allowed count: 10".
  if (rows_total > limits::kListRowsTotal)
    return ValueInvalid("Total row count exceed max allowed count: " +
                        std::to_string(limits::kListRowsTotal));
  for (size_t i = 0; i < rows.size(); ++i)
    if (auto s = ValidateRow(rows[i], At(rows_where, i), ids); !s) return s;
  return {};
}

Status ValidateListAction(const Json& action) {
  const std::string aw = Sub(kI, "action");
  if (auto s =
          RequireBoundedText(action, "button", Sub(aw, "button"), "Button text", 1, limits::kListButtonLabel);
      !s)
    return s;
  const std::string where = Sub(aw, "sections");
  if (!action.contains("sections")) return ParamRequired(where);
  const Json& sections = action["sections"];
  if (!sections.is_array()) return ParamWrongType(where, "an array");
  // Assumption: wording, by analogy with the captured buttons-count error.
  if (sections.empty() || sections.size() > limits::kListSections)
    return ValueInvalid("Invalid sections count. Min allowed sections: 1, Max allowed sections: " +
                        std::to_string(limits::kListSections));
  size_t rows_total = 0;
  std::set<std::string> ids;
  for (size_t i = 0; i < sections.size(); ++i)
    if (auto s = ValidateSection(sections[i], At(where, i), sections.size() > 1, rows_total, ids); !s)
      return s;
  return {};
}

Status ValidateCtaUrlAction(const Json& action) {
  const std::string aw = Sub(kI, "action");
  if (auto s = RequireString(action, "name", Sub(aw, "name"), 64); !s) return s;
  if (action["name"] != "cta_url")
    return ParamNotOneOf(Sub(aw, "name"), "cta_url", action["name"].get<std::string>());
  if (auto s = RequireObject(action, "parameters", Sub(aw, "parameters")); !s) return s;
  const Json& params = action["parameters"];
  const std::string pw = Sub(aw, "parameters");
  if (auto s = RequireBoundedText(params, "display_text", Sub(pw, "display_text"), "Display text", 1,
                                  limits::kCtaDisplayText);
      !s)
    return s;
  if (auto s = RequireString(params, "url", Sub(pw, "url"), 2048); !s) return s;
  if (!IsHttpUrl(params["url"].get_ref<const std::string&>()))
    return SchemaParamError("Param " + Sub(pw, "url") + " is not a valid URI.");
  return {};
}

}  // namespace

Status ValidateInteractiveHeader(const Json& p, bool media_allowed) {
  return ValidateHeader(p, media_allowed);
}
Status ValidateInteractiveBody(const Json& p, size_t max) { return ValidateBody(p, max); }
Status ValidateInteractiveFooter(const Json& p) { return ValidateFooter(p); }
Status ValidateCtaUrlParameters(const Json& action) { return ValidateCtaUrlAction(action); }

Status ValidateInteractive(const Json& p) {
  if (!p.is_object()) return ParamWrongType(kI, "an object");
  if (auto s = RequireString(p, "type", Sub(kI, "type"), 64); !s) return s;
  const std::string type = p["type"].get<std::string>();
  // The other documented types (flow, product, product_list, catalog_message,
  // carousel, location_request_message, address_message,
  // call_permission_request) are in validation_interactive_more.cc.
  if (IsMoreInteractiveType(type)) return ValidateMoreInteractive(type, p);
  if (type != "button" && type != "list" && type != "cta_url")
    return ParamNotOneOf(Sub(kI, "type"), kInteractiveTypes, type);
  if (auto s = ValidateHeader(p, type != "list"); !s) return s;
  if (auto s = ValidateBody(p, type == "list" ? limits::kListBody : limits::kInteractiveBody); !s) return s;
  if (auto s = ValidateFooter(p); !s) return s;
  if (auto s = RequireObject(p, "action", Sub(kI, "action")); !s) return s;
  if (type == "button") return ValidateButtonAction(p["action"]);
  if (type == "list") return ValidateListAction(p["action"]);
  return ValidateCtaUrlAction(p["action"]);
}

}  // namespace wasim::messages
