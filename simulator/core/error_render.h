// The one renderer for each of Meta's error shapes.
#pragma once
#include <string>

#include "simulator/core/errors.h"
#include "simulator/core/json.h"

namespace wasim {

// HTTP body {"error":{...}}. WhatsApp flavor:
//   message "(#code) title", type, code, error_data{messaging_product, details},
//   [error_subcode], fbtrace_id   (Meta's error-codes page example order)
// Graph flavor (104, 190, 100/33, 2500): message, type, code, [error_subcode], fbtrace_id.
Json RenderHttpError(const GraphError& e, const std::string& fbtrace_id);

// Webhook error object (statuses[].errors[], messages[].errors[], value.errors[]):
//   code, title, message (same as title), error_data{details}, href
// as captured in status webhooks (absolute href).
Json RenderWebhookError(const GraphError& e);

}  // namespace wasim
