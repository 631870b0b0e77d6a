// gen_graph N [SEED [BACK_EDGES]] > graph.json: a deterministic dpa-graph/1 ecosystem of N
// organisations with ~3 agreements each. The shape: one in ten organisations
// is a controller; one in a hundred processors is a hub that many engage;
// agreements mostly point "down" (from earlier to later organisations), with
// a few pointing back to make cycles; each rule fires on a few percent.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gen_graph ORGANISATIONS [SEED] > graph.json\n");
    return 2;
  }
  const std::uint64_t n = std::strtoull(argv[1], nullptr, 10);
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 42;
  const double back_edges = argc > 3 ? std::strtod(argv[3], nullptr) : 0.00005;  // share of agreements that point back
  if (n < 10) {
    std::fprintf(stderr, "gen_graph: at least 10 organisations\n");
    return 2;
  }
  std::mt19937_64 rng(seed);
  auto uniform = [&](std::uint64_t lo, std::uint64_t hi) { return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };

  // Countries whose status is settled (graph-format.md).
  const char* eea[] = {"DE", "FR", "NL", "IE", "IT", "ES", "SE", "PL", "AT", "BE", "DK", "FI", "NO"};
  const char* adequate[] = {"CH", "GB", "JP", "KR", "NZ", "IL", "UY", "AR"};
  const char* third[] = {"IN", "CN", "SG", "AU", "ZA", "AE", "PH", "MX"};
  const char* categories[] = {"contact", "usage", "billing", "support", "hr", "health", "location", "device"};
  const std::uint64_t roots = std::max<std::uint64_t>(1, n / 10);

  struct org {
    const char* country;
    bool dpf = false, bcr = false;
    int domain = 0;
  };
  std::vector<org> orgs(n);
  std::vector<std::uint64_t> hubs;
  std::FILE* out = stdout;
  fmt::print(out, "{{\n\"format\": \"dpa-graph/1\",\n\"as_of\": \"2026-11-23\",\n\"breach_budget\": \"72h\",\n\"organisations\": [\n");
  for (std::uint64_t i = 0; i < n; ++i) {
    auto& o = orgs[i];
    double r = std::uniform_real_distribution<double>(0, 1)(rng);
    if (r < 0.70) o.country = eea[uniform(0, std::size(eea) - 1)];
    else if (r < 0.80) o.country = "US", o.dpf = chance(0.6);
    else if (r < 0.90) o.country = adequate[uniform(0, std::size(adequate) - 1)];
    else o.country = third[uniform(0, std::size(third) - 1)], o.bcr = chance(0.1);
    o.domain = 0;  // one data domain: agreements pass on what they were given
    if (i >= roots && chance(0.01)) hubs.push_back(i);
    std::string certs;
    if (o.dpf) certs = ", \"certifications\": [\"dpf\"]";
    if (o.bcr) certs = ", \"certifications\": [\"bcr-p\"]";
    fmt::print(out, "{{\"id\": \"o{}\", \"name\": \"Organisation {}\", \"country\": \"{}\"{}}}{}\n", i, i, o.country, certs,
               i + 1 < n ? "," : "");
  }
  if (hubs.empty()) hubs.push_back(roots);
  fmt::print(out, "],\n\"agreements\": [\n");
  const std::uint64_t total = 3 * n;
  for (std::uint64_t k = 0; k < total; ++k) {
    // a client: a controller for a third of agreements, else a processor
    std::uint64_t client = chance(0.33) ? uniform(0, roots - 1) : uniform(roots, n - 2);
    std::uint64_t processor;
    if (chance(back_edges) && client > roots) processor = uniform(roots, client);  // back edge: a cycle (or a self-loop)
    else if (chance(0.3)) processor = hubs[uniform(0, hubs.size() - 1)];
    else processor = uniform(std::max(client + 1, roots), n - 1);
    if (processor < roots) processor = roots;
    const auto& p = orgs[processor];
    const bool client_root = client < roots;
    // categories: the client's domain, now and then one from elsewhere
    std::string cats;
    int domain = orgs[client].domain;
    for (int c = 0; c < 2; ++c) cats += fmt::format("{}\"{}\"", c ? ", " : "", categories[(domain * 2 + c) % 8]);
    if (chance(0.02)) cats += fmt::format(", \"{}\"", categories[uniform(0, 7)]);
    // transfer tools where needed, mostly right
    std::string mech;
    bool us = std::string(p.country) == "US";
    bool needs = (us && !p.dpf) || std::string(p.country).size() == 2 && !us &&
                                     std::find_if(std::begin(third), std::end(third), [&](const char* t) {
                                       return std::string(t) == p.country;
                                     }) != std::end(third);
    if (us && p.dpf) mech = "\"dpf\"";
    if (needs) {
      double r = std::uniform_real_distribution<double>(0, 1)(rng);
      if (r < 0.95) mech = client_root ? "\"scc2021-m2\"" : "\"scc2021-m3\"";
      else if (r < 0.97) mech = client_root ? "\"scc2021-m3\"" : "\"scc2021-m2\"";
      else if (r < 0.98) mech = "\"scc2010\"";
      else if (r < 0.99) mech = "\"art49-derogation\"";
    }
    std::string fields;
    if (!chance(0.005)) fields += fmt::format(", \"breach_notice\": \"{}h\"", std::array<int, 4>{4, 8, 12, 24}[uniform(0, 3)]);
    if (!chance(0.03)) fields += fmt::format(", \"change_notice\": \"{}d\"", chance(0.95) ? 30 : 14);
    fields += fmt::format(", \"retention\": {{\"{}\": \"{}d\"}}", categories[(domain * 2) % 8], chance(0.97) ? 30 : 90);
    fmt::print(out, "{{\"id\": \"a{}\", \"client\": \"o{}\", \"processor\": \"o{}\", \"categories\": [{}]{}{}}}{}\n", k, client,
               processor, cats, mech.empty() ? "" : ", \"mechanisms\": [" + mech + "]", fields, k + 1 < total ? "," : "");
  }
  fmt::print(out, "]\n}}\n");
  return 0;
}
