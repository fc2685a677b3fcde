// A run's report as text (people), JSON (machines) and JUnit XML (CI systems:
// one test case per expectation).
#pragma once
#include <string>

#include "simulator/scenario/runner.h"

namespace wasim::scenario {

std::string ReportText(const RunReport& r);
std::string ReportJson(const RunReport& r);
// Several scenarios' reports as one <testsuites> document.
std::string ReportJUnit(const std::vector<RunReport>& reports);

}  // namespace wasim::scenario
