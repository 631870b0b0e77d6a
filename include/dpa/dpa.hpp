// The whole C++ API of dpa.
#pragma once

#include <dpa/date.hpp>
#include <dpa/diff.hpp>
#include <dpa/document.hpp>
#include <dpa/evaluate.hpp>
#include <dpa/graph.hpp>
#include <dpa/duration.hpp>
#include <dpa/error.hpp>
#include <dpa/knowledge.hpp>
#include <dpa/load.hpp>
#include <dpa/options.hpp>
#include <dpa/render.hpp>
#include <dpa/report.hpp>
#include <dpa/rules.hpp>
#include <dpa/tenant.hpp>
#include <dpa/version.hpp>
