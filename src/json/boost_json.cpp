// Boost.JSON compiled into the library, so users need no libboost_json.
#include <boost/json/src.hpp>
