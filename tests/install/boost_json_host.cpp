// A host that uses Boost.JSON itself, compiled into the program as dpa compiles it
// into libdpa.a: both link, and each side's JSON works.
#include <boost/json/src.hpp>

#include <iostream>

#include <dpa/dpa.hpp>

int main() {
  auto own = boost::json::parse(R"({"host": true})");
  auto d = dpa::parse_duration("72 hours");
  auto doc = dpa::parse_document(R"({"format":"dpa/1","id":"c","title":"C",
    "parties":{"controller":{"name":"C"},"processor":{"name":"P","country":"DE"}},"processing":{}})");
  if (!d || !doc) return 1;
  std::cout << boost::json::serialize(own) << " " << d.value().describe() << "\n";
  return 0;
}
