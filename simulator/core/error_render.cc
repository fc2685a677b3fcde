#include "simulator/core/error_render.h"

namespace wasim {

Json RenderHttpError(const GraphError& e, const std::string& fbtrace_id) {
  Json err;
  err["message"] = e.message;
  err["type"] = e.type;
  if (e.flavor == ErrorFlavor::kSubcode) {
    err["code"] = static_cast<int>(ErrorCode::kInvalidParameter);
    err["error_subcode"] = e.code_number();
    err["is_transient"] = e.is_transient;
    err["error_user_title"] = e.title;
    err["error_user_msg"] = e.details;
    err["fbtrace_id"] = fbtrace_id;
    return Json{{"error", std::move(err)}};
  }
  err["code"] = e.code_number();
  if (e.flavor == ErrorFlavor::kWhatsApp) {
    Json data;
    data["messaging_product"] = "whatsapp";
    data["details"] = e.details;
    err["error_data"] = std::move(data);
  }
  if (e.subcode) err["error_subcode"] = *e.subcode;
  if (e.is_transient) err["is_transient"] = true;
  err["fbtrace_id"] = fbtrace_id;
  Json body;
  body["error"] = std::move(err);
  return body;
}

Json RenderWebhookError(const GraphError& e) {
  Json err;
  err["code"] = e.code_number();
  err["title"] = e.title;
  err["message"] = e.title;
  Json data;
  data["details"] = e.details;
  err["error_data"] = std::move(data);
  err["href"] = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";
  return err;
}

}  // namespace wasim
