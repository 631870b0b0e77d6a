// The JSON Schema and the loader's field tables must describe one format.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include <boost/json.hpp>

#include <dpa/load.hpp>

#include "document/enums.hpp"
#include "document/meta.hpp"

namespace json = boost::json;

namespace {

const json::object& schema() {
  static const json::value v = json::parse(dpa::document_schema());
  return v.as_object();
}

template <class T>
void same_fields(std::string_view def) {
  CAPTURE(def);
  const json::object* o = def.empty() ? &schema() : schema().at("$defs").as_object().if_contains(def)->if_object();
  REQUIRE(o);
  std::set<std::string> schema_props, schema_required, table_props, table_required;
  for (const auto& p : o->at("properties").as_object()) {
    schema_props.insert(std::string(p.key()));
    CHECK_MESSAGE(p.value().as_object().contains("description"), p.key());
  }
  if (const auto* r = o->if_contains("required"))
    for (const auto& k : r->as_array()) schema_required.insert(std::string(k.as_string()));
  CHECK(o->at("additionalProperties") == json::value(false));
  CHECK(o->contains("description"));
  std::apply(
      [&](const auto&... f) {
        ((table_props.insert(std::string(f.name)), f.required ? (void)table_required.insert(std::string(f.name)) : void()),
         ...);
      },
      dpa::detail::meta<T>::fields);
  if (def.empty()) {  // the document: "format" is read before the table
    table_props.insert("format");
    table_required.insert("format");
  }
  CHECK(schema_props == table_props);
  CHECK(schema_required == table_required);
}

}  // namespace

TEST_SUITE("schema") {
  TEST_CASE("every schema object matches the loader's field table") {
    using namespace dpa;
    same_fields<document>("");
    same_fields<statement>("statement");
    same_fields<contact>("contact");
    same_fields<party>("party");
    same_fields<parties>("parties");
    same_fields<version_entry>("version_entry");
    same_fields<governing_law>("governing_law");
    same_fields<processing>("processing");
    same_fields<data_category>("data_category");
    same_fields<special_categories>("special_categories");
    same_fields<data_subject>("data_subject");
    same_fields<infringement_notice>("infringement_notice");
    same_fields<instructions>("instructions");
    same_fields<confidentiality>("confidentiality");
    same_fields<security_measure>("security_measure");
    same_fields<security>("security");
    same_fields<change_notice>("change_notice");
    same_fields<objection>("objection");
    same_fields<subprocessing>("subprocessing");
    same_fields<location>("location");
    same_fields<transfer_tool>("transfer_tool");
    same_fields<retention_rule>("retention_rule");
    same_fields<onward_transfer>("onward_transfer");
    same_fields<subprocessor>("subprocessor");
    same_fields<mention>("mention");
    same_fields<transfer_impact_assessment>("transfer_impact_assessment");
    same_fields<transfers>("transfers");
    same_fields<breach>("breach");
    same_fields<dsr_assistance>("dsr_assistance");
    same_fields<compliance_assistance>("compliance_assistance");
    same_fields<deletion>("deletion");
    same_fields<audits>("audits");
    same_fields<amendments>("amendments");
  }

  TEST_CASE("every enumeration in the schema matches the loader's names") {
    auto values = [](const json::value& v) {
      std::set<std::string> out;
      for (const auto& e : v.as_object().at("enum").as_array()) out.insert(std::string(e.as_string()));
      return out;
    };
    auto names = [](auto tag) {
      std::set<std::string> out;
      for (const auto& [value, name] : dpa::detail::enum_table<decltype(tag)>::items) out.insert(std::string(name));
      return out;
    };
    const auto& defs = schema().at("$defs").as_object();
    auto prop = [&](std::string_view def, std::string_view p) -> const json::value& {
      return defs.at(def).as_object().at("properties").as_object().at(p);
    };
    CHECK(values(prop("transfer_tool", "kind")) == names(dpa::tool_kind{}));
    CHECK(values(prop("location", "kind")) == names(dpa::location_kind{}));
    CHECK(values(prop("subprocessing", "authorisation")) == names(dpa::authorisation{}));
    CHECK(values(prop("subprocessing", "list")) == names(dpa::list_form{}));
    CHECK(values(prop("objection", "outcome")) == names(dpa::objection_outcome{}));
    CHECK(values(prop("special_categories", "stance")) == names(dpa::special_stance{}));
    CHECK(values(prop("retention_rule", "basis")) == names(dpa::retention_basis{}));
    CHECK(values(prop("subprocessor", "identity")) == names(dpa::identity{}));
    CHECK(values(prop("subprocessor", "role")) == names(dpa::recipient_role{}));
    CHECK(values(prop("breach", "content").as_object().at("items")) == names(dpa::breach_item{}));
    CHECK(values(prop("deletion", "choice")) == names(dpa::deletion_choice{}));
    CHECK(values(prop("audits", "exceptions").as_object().at("items")) == names(dpa::audit_exception{}));
    CHECK(values(prop("audits", "costs")) == names(dpa::audit_costs{}));
    CHECK(values(prop("amendments", "mode")) == names(dpa::amendment_mode{}));
  }
}
