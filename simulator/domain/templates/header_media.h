// Media headers of a template definition (IMAGE, VIDEO, GIF, DOCUMENT): the
// example.header_handle must name media the Resumable Upload API uploaded
// (Meta: documentation/whatsapp/templates/components.mdx "Media headers": "All
// media must be uploaded with the Resumable Upload API"; overview.mdx).
#pragma once
#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::templates {

// Checks every media header in `components` (normalised: types and formats
// upper-case), including carousel card headers:
// - a handle POST /upload:<id> issued (any app of this world; Assumption: Meta
//   does not document whether a handle is tied to the app that uploaded it),
//   whose file type fits the format (IMAGE: image/jpeg, image/jpg, image/png;
//   VIDEO and GIF: video/mp4; DOCUMENT: application/pdf, per the upload
//   guide's types), else 2388047;
// - or an http(s) URL (Assumption: GET message_templates returns header_handle
//   as a URL, and clients resubmit what they read);
// - anything else is code 100 "Invalid parameter" (Assumption: wording).
Status CheckHeaderHandles(const Ctx& ctx, const Json& components);

}  // namespace wasim::templates
