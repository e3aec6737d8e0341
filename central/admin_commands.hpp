#pragma once
// `onewindow-central admin --db FILE COMMAND ...`: the back office of the demos. Works on the
// database directly (WAL lets a running server see each change at once); every change of a
// case also goes into the change feed of the station that submitted it.
//
//   cases                                   list the cases
//   decide UUID granted|refused [--note T]  status in_progress (if needed), then the decision
//   issue-certificate UUID --number TEXT    certificate data for the station
//   set-state UUID STATE                    any DESIGN §4 state, as a status change
//   publish-catalog DIR                     check and publish DIR as the current release

#include <iosfwd>
#include <string>
#include <vector>

#include "central/wire_time.hpp"

namespace onewindow::central {

// Exit codes as the server's: 0 done, 1 failed (no such case, database refused), 2 usage.
int runAdminCommand(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                    const Clock& clock);

[[nodiscard]] std::string adminUsageText();

}  // namespace onewindow::central
