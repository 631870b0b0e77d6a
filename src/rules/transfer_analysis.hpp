// Where personal data goes and on what basis, worked out once per evaluation
// and read by every transfer rule.
#pragma once

#include <string>
#include <vector>

#include <dpa/document.hpp>
#include <dpa/duration.hpp>
#include <dpa/knowledge.hpp>

namespace dpa::detail {

struct tool_use {
  const transfer_tool* tool = nullptr;
  std::string pointer;
  bool inherited = false;  ///< from the DPA's general transfer clause
  answer valid = answer::no;  ///< valid at as_of
};

struct destination {
  country_code country;
  std::string pointer;   ///< the member naming the country
  coverage cover;        ///< at as_of
  answer needs_tool = answer::no;  ///< a Chapter V tool is needed for it
};

/// One hop of personal data to a recipient: a sub-processor, or an onward step
/// from a sub-processor to its parent or affiliate.
struct recipient {
  std::string id;        ///< sub-processor id; "<id>/onward/<n>" for an onward step
  std::string name;
  std::string from;      ///< for an onward step: the sub-processor handing the data on
  std::string pointer;
  clause_ref source;
  bool onward = false;
  bool independent_controller = false;
  int expected_module = 3;  ///< processor to sub-processor
  std::vector<destination> destinations;
  std::vector<std::string> unresolved;  ///< pointers of locations that are not countries
  bool unknown = false;                 ///< no country and no location at all
  std::vector<tool_use> own;            ///< tools named for it
  std::vector<tool_use> inherited;      ///< general-clause tools that reach it
  answer needs_tool = answer::no;       ///< over all destinations and unresolved locations
};

struct located_subprocessor {
  const subprocessor* sub = nullptr;
  std::string pointer;
};

struct transfer_analysis {
  std::vector<located_subprocessor> subprocessors;  ///< every level, in document order
  std::vector<recipient> recipients;
  std::vector<tool_use> general;  ///< the general clause's tools
};

transfer_analysis analyse_transfers(const document& doc, date as_of, const knowledge& kb);

/// Does the tool give a Chapter V basis on `on`? (adequacy-type tools count only
/// where the destination is covered; "scc" without a version is a maybe.)
answer tool_gives_basis(const transfer_tool& t, date on, std::optional<date> concluded, const knowledge& kb);

/// Does a general-clause tool reach this sub-processor? (every one when it names none)
bool tool_names(const transfer_tool& t, const subprocessor& s);

/// Is the tool one that needs a transfer impact assessment (SCCs, BCRs, ad hoc clauses)?
bool needs_assessment(tool_kind k) noexcept;

}  // namespace dpa::detail
