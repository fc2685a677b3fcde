// Precompiled once for every test binary (REUSE_FROM wasim_test_support).
#pragma once
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/json.h"
