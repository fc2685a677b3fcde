// Send-time checks of a template message against the stored template
// (Meta's template errors 132000/132001/132005/132012/132015/132016, all
// returned synchronously by POST /messages). Pure over the template store.
#pragma once
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/messages/message_store.h"
#include "simulator/domain/templates/template_store.h"

namespace wasim::templates {

// What the send path needs from the template, so it is looked up once per send.
struct TemplateSend {
  std::string template_id;
  PricingCategory category = PricingCategory::kUtility;  // rules::CategoryFromTemplate
  std::string hydrated_body;                             // body text with the parameters filled in
  bool paced = false;                                    // MessageTemplate::paced
  bool call_permission_request = false;                  // has a CALL_PERMISSION_REQUEST component
};

// REQUIRES: `payload` (body["template"]) passed messages::ValidateTemplatePayload.
// One O(log n) lookup of the template (TemplateStore::Find). Errors, in this order:
//   132001 (HTTP 404) no such name+language in the WABA, or not approved
//          (details "template name (NAME) does not exist in LANG", captured);
//   132015 paused; 132016 disabled;
//   132000 parameter count of a component differs (details
//          "body: number of localizable_params (2) does not match the expected number of params (1)",
//          captured);
//   132012 parameter type / named-vs-positional mismatch
//          (details "header: Format mismatch, expected IMAGE, received UNKNOWN", captured);
//   131008 a dynamic button without its parameter ("Button at index 0 of type Url requires a parameter",
//   captured); 132005 hydrated body longer than 1024 characters.
Result<TemplateSend> CheckTemplateSend(const TemplateStore& store, const std::string& waba_id,
                                       const Json& payload);

}  // namespace wasim::templates
