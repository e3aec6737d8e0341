#include "central/auto_approval.hpp"

#include "central/current_catalog.hpp"
#include "central/server_log.hpp"
#include "forms/approval_rules.hpp"
#include "forms/catalog.hpp"
#include "forms/civil_date.hpp"
#include "forms/diagnostics.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"

namespace onewindow::central {
namespace {

const char* mark(forms::ConditionOutcome outcome) {
  switch (outcome) {
    case forms::ConditionOutcome::True:
      return "✓";
    case forms::ConditionOutcome::False:
      return "✗";
    case forms::ConditionOutcome::Error:
      return "error";
  }
  return "?";
}

std::string traceNote(const forms::RuleResult& result) {
  std::string note = "秒批 " + result.rule->id + ":";
  bool first = true;
  for (const forms::ConditionTrace& condition : result.trace) {
    note += first ? " " : "; ";
    first = false;
    note += condition.label.zh + " " + mark(condition.outcome);
    if (!condition.shown.empty()) note += " " + condition.shown;
  }
  return note;
}

}  // namespace

std::optional<AutoDecision> AutoApproval::decide(sql::Connection& db, const std::string& matterCode,
                                                 const std::string& formInstanceXml,
                                                 std::chrono::sys_seconds now) {
  try {
    const auto catalog = catalog_.inEffect(db);
    if (!catalog) return std::nullopt;
    const forms::Matter* matter = catalog->matterOn(matterCode, forms::chinaDate(now));
    if (matter == nullptr || !matter->flags.autoApproval || matter->rules.empty() ||
        !matter->form) {
      return std::nullopt;
    }
    // The form gives the rules what the window had: secondary instances, choice labels.
    const auto definition = catalog_.forms().load(matter->form->path);
    forms::SessionOptions options;
    options.clock = [now] { return std::chrono::system_clock::time_point(now); };
    const forms::FormSession session =
        forms::FormSession::resume(definition, formInstanceXml, options);
    for (const forms::RuleResult& result : forms::evaluateRules(
             *matter, session.instance().document_element(), &session.environment())) {
      if (result.passed) return AutoDecision{result.rule->id, traceNote(result)};
    }
    return std::nullopt;
  } catch (const std::exception& error) {
    // A case whose form cannot be read is left to the back office, never refused for it.
    logLine("秒批 not applied to matter " + matterCode + ": " + error.what());
    return std::nullopt;
  }
}

}  // namespace onewindow::central
