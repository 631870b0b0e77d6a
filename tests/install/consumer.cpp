// A program that knows dpa only through its installed package.
#include <iostream>

#include <dpa/dpa.hpp>

int main() {
  auto d = dpa::parse_duration("72 hours");
  auto doc = dpa::parse_document(R"({"format":"dpa/1","id":"c","title":"C",
    "parties":{"controller":{"name":"C"},"processor":{"name":"P","country":"DE"}},"processing":{}})");
  if (!d || !doc) return 1;
  auto us = dpa::knowledge::embedded().covered("US", *dpa::parse_date("2026-11-23"));
  std::cout << d.value().describe() << " " << dpa::version_string() << " " << static_cast<int>(us.status) << "\n";
  return 0;
}
