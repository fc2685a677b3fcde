#include "simulator/scenario/session_admin.h"

#include "simulator/scenario/loader.h"
#include "simulator/scenario/report.h"

namespace wasim::scenario {

std::string LibraryFile(const std::string& library_dir, const std::string& name) {
  if (name.empty() || name.size() > 100 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
    return "";
  return library_dir + "/" + name + ".yaml";
}

namespace {

HttpResponse LoadErrors(const LoadResult& loaded) {
  Json errors = Json::array();
  for (const auto& e : loaded.errors) errors.push_back(e.ToString());
  HttpResponse res = AdminError(400, "the scenario does not load: " + loaded.errors.front().ToString());
  Json body = Json::parse(res.body);
  body["error"]["errors"] = errors;
  return AdminJson(400, body);
}

}  // namespace

void RegisterScenarioRoutes(AdminRouter& router, ScenarioSession& session, LoadIntoServer load,
                            std::string library_dir) {
  router.Add(
      "POST", "/_sim/scenarios", [&session, load, library_dir](const HttpRequest& req, const PathParams&) {
        LoadResult loaded;
        Json asked = Json::parse(req.body, nullptr, false);
        if (!asked.is_discarded() && asked.is_object() && asked.contains("name")) {
          std::string name = asked["name"].is_string() ? asked["name"].get<std::string>() : "";
          std::string file = LibraryFile(library_dir, name);
          if (file.empty())
            return AdminError(400,
                              "'name' must be a scenario of the library (letters, digits, - and _), e.g. "
                              "offline-past-30-days");
          loaded = LoadScenarioFile(file);
        } else {
          loaded = LoadScenarioText(req.body, "request.yaml", /*allow_includes=*/false);
        }
        if (!loaded.ok()) return LoadErrors(loaded);
        if (auto problem = load(std::move(loaded.scenario)))
          return AdminError(400, "the scenario's world does not build: " + *problem);
        return AdminJson(200, session.Current());
      });
  router.Add("GET", "/_sim/scenarios/current", [&session](const HttpRequest&, const PathParams&) {
    Json j = session.Current();
    if (j.is_null()) return AdminError(404, "no scenario is loaded (POST /_sim/scenarios)");
    return AdminJson(200, j);
  });
  router.Add("GET", "/_sim/scenarios/current/verdict", [&session](const HttpRequest& req, const PathParams&) {
    auto report = session.Report();
    if (!report) return AdminError(404, "no scenario is loaded (POST /_sim/scenarios)");
    const int status = report->passed() ? 200 : 409;
    if (req.Query("format") == "junit") {
      HttpResponse res;
      res.status = status;
      res.content_type = "application/xml; charset=UTF-8";
      res.body = ReportJUnit({*report});
      return res;
    }
    return AdminJson(status, Json::parse(ReportJson(*report)));
  });
}

}  // namespace wasim::scenario
