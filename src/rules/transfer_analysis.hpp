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
  bool inherited = false;     ///< from the DPA's general transfer clause
  bool in_force = true;       ///< relied on, and its role condition holds for a controller customer
  answer valid = answer::no;  ///< gives a basis at as_of (no when not in force)
  /// Set on transfer_analysis::general only: does a step the tool covers need it? The
  /// controller's transfer to the processor, and the onward steps to sub-processors that
  /// have no specific valid tool of their own (no when every such step is covered otherwise).
  answer import_need = answer::no;
  answer onward_need = answer::no;
};

struct destination {
  country_code country;
  std::string pointer;   ///< the member naming the country
  coverage cover;        ///< at as_of
  answer needs_tool = answer::no;  ///< a Chapter V tool is needed for it
};

/// One hop of personal data to a recipient: the processor itself (the
/// controller's own transfer), a sub-processor, or an onward step from a
/// sub-processor to its parent or affiliate.
struct recipient {
  std::string id;        ///< "processor"; a sub-processor id; "<id>/onward/<n>" for an onward step
  std::string name;
  std::string from;      ///< for an onward step: the sub-processor handing the data on
  std::string pointer;
  clause_ref source;
  bool processor = false;  ///< the controller's own transfer to the processor
  bool onward = false;
  bool independent_controller = false;
  int expected_module = 3;  ///< processor to sub-processor; 2 for the processor itself
  std::vector<destination> destinations;
  std::vector<std::string> unresolved;  ///< pointers of locations that are not countries
  bool unknown = false;                 ///< no country and no location at all
  std::vector<tool_use> own;            ///< tools named for it (for the processor: the general clause's import tools)
  std::vector<tool_use> inherited;      ///< general-clause tools that reach it
  answer needs_tool = answer::no;       ///< over all destinations and unresolved locations
};

struct located_subprocessor {
  const subprocessor* sub = nullptr;
  std::string pointer;
};

struct transfer_analysis {
  std::vector<located_subprocessor> subprocessors;  ///< every level, in document order
  std::vector<recipient> recipients;  ///< the processor first, then every sub-processor and onward step
  std::vector<tool_use> general;      ///< the general clause's tools
  std::vector<std::string> assumptions;  ///< what the analysis assumed, for the report's notes
};

transfer_analysis analyse_transfers(const document& doc, date as_of, const knowledge& kb);

/// Does the tool give a Chapter V basis on `on`? (adequacy-type tools count only
/// where the destination is covered; "scc" without a version is a maybe.)
answer tool_gives_basis(const transfer_tool& t, date on, std::optional<stated_date> concluded, const knowledge& kb);

/// Is the tool one that needs a transfer impact assessment (SCCs, BCRs, ad hoc clauses)?
bool needs_assessment(tool_kind k) noexcept;

/// Does a general-clause tool cover the controller's own transfer to the processor?
bool covers_import(const transfer_tool& t, const party& processor);

/// Does a general-clause tool cover, by its own terms, the processor's transfer to
/// this sub-processor? (Not counting SCCs for the import, which reach it through Clauses 8.8 and 9.)
bool covers_onward(const transfer_tool& t, const subprocessor& s);

/// Is the tool relied on, with its role condition met for a controller customer?
bool in_force(const transfer_tool& t) noexcept;

/// Is it outside the GDPR's Chapter V: a tool of UK law (IDTA, Addendum), or the Art. 28(7) clauses?
bool outside_chapter_v(tool_kind k) noexcept;

/// Is the tool named without the detail to check it ("SCCs where required")?
bool vague(const transfer_tool& t) noexcept;

/// Does the recipient's step need a tool that `except` does not give? The
/// recipient's need, or no when another in-force tool specifically and validly
/// covers it (an SCC 2021 with the module of the step, BCRs, ...), its own or
/// the general clause's. Rules about a tool ask this for the tool.
answer open_need(const recipient& r, const tool_use* except = nullptr);

}  // namespace dpa::detail
