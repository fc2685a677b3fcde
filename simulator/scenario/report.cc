#include "simulator/scenario/report.h"

#include <iomanip>
#include <sstream>

#include "simulator/core/json.h"

namespace wasim::scenario {
namespace {

std::string Xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Where(const ExpectationResult& e) { return e.pos.file + ":" + std::to_string(e.pos.line); }

}  // namespace

std::string ReportText(const RunReport& r) {
  std::ostringstream out;
  out << "scenario " << (r.scenario.empty() ? r.file : r.scenario) << " (" << r.file << "), seed " << r.seed
      << ", start " << FormatIso8601(r.start) << "\n";
  for (const auto& l : r.transcript)
    out << "  " << std::left << std::setw(12) << Offset(l.at, r.start) << l.text << "\n";
  out << "expectations\n";
  size_t failed = 0;
  for (const auto& e : r.expectations) {
    failed += e.passed && !e.pending ? 0 : 1;
    out << "  " << (e.pending ? "WAIT " : e.passed ? "PASS " : "FAIL ") << e.name << " (" << Where(e) << ")";
    if (!e.passed || e.pending) out << "\n      " << e.detail;
    out << "\n";
  }
  out << (failed ? "FAILED: " : "passed: ") << (r.expectations.size() - failed) << " of "
      << r.expectations.size() << " expectations met, ended at " << Offset(r.end, r.start) << "\n";
  return out.str();
}

std::string ReportJson(const RunReport& r) {
  Json j = Json::object();
  j["format_version"] = 1;
  j["scenario"] = r.scenario;
  j["file"] = r.file;
  j["seed"] = r.seed;
  j["start"] = FormatIso8601(r.start);
  j["end"] = FormatIso8601(r.end);
  j["passed"] = r.passed();
  Json lines = Json::array();
  for (const auto& l : r.transcript)
    lines.push_back(
        {{"at", FormatIso8601(l.at)}, {"offset", Offset(l.at, r.start)}, {"kind", l.kind}, {"text", l.text}});
  j["timeline"] = lines;
  Json exps = Json::array();
  for (const auto& e : r.expectations)
    exps.push_back({{"name", e.name},
                    {"file", e.pos.file},
                    {"line", e.pos.line},
                    {"passed", e.passed && !e.pending},
                    {"pending", e.pending},
                    {"detail", e.detail}});
  j["expectations"] = exps;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string ReportJUnit(const std::vector<RunReport>& reports) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (const auto& r : reports) {
    size_t failures = 0;
    for (const auto& e : r.expectations) failures += e.passed && !e.pending ? 0 : 1;
    std::string name = r.scenario.empty() ? r.file : r.scenario;
    out << "  <testsuite name=\"" << Xml(name) << "\" tests=\"" << r.expectations.size() << "\" failures=\""
        << failures << "\">\n";
    for (const auto& e : r.expectations) {
      out << "    <testcase classname=\"" << Xml(name) << "\" name=\"" << Xml(e.name) << "\" file=\""
          << Xml(e.pos.file) << "\" line=\"" << e.pos.line << "\"";
      if (e.pending) {
        out << ">\n      <failure message=\"pending: its time has not come yet\">" << Xml(e.detail)
            << "</failure>\n    </testcase>\n";
      } else if (e.passed) {
        out << "/>\n";
      } else {
        out << ">\n      <failure message=\"" << Xml(e.detail.substr(0, e.detail.find('\n'))) << "\">"
            << Xml(e.detail) << "</failure>\n    </testcase>\n";
      }
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace wasim::scenario
