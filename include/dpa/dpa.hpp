// The whole C++ API of dpa.
#pragma once

#include <dpa/date.hpp>
#include <dpa/document.hpp>
#include <dpa/duration.hpp>
#include <dpa/error.hpp>
#include <dpa/knowledge.hpp>
#include <dpa/load.hpp>
#include <dpa/version.hpp>
