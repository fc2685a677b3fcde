// Graph's cursor paging for list edges (Graph API "Paginated results"):
// {"data":[...],"paging":{"cursors":{"before","after"},"previous"?,"next"?}}.
// `next` and `previous` repeat the request's own query (every filter,
// `fields`, `limit`, and `access_token` when the request carried one) with
// the new cursor, so a client can GET them as they are.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/http/graph_router.h"

namespace wasim {

struct PageLimits {
  long default_limit = 25;
  long max_limit = 100;
};

// One page of the list whose item ids are `ids` (in list order): `render(i)`
// builds item i (it may fail, e.g. on an unknown field). Errors: a `limit`
// that is not a positive integer (100); a cursor that is corrupt or names no
// item of the list: 131059 on v24.0+ (Meta's changelog documents it for
// message_templates; wasim applies it to every paged edge: assumption), and
// on older versions the list starts again from the top (assumption).
Result<Json> PageOf(const GraphCall& call, const std::vector<std::string>& ids, PageLimits limits,
                    const std::function<Result<Json>(size_t)>& render);

}  // namespace wasim
