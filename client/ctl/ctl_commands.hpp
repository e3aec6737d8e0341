#pragma once
// onewindow-ctl: the command line over the same engine as the desktop UI, for scripting,
// administration and headless windows. Kept in a library so tests can run it in-process as
// well as through the real binary.

#include <iosfwd>
#include <string>
#include <vector>

namespace onewindow::ctl {

// Exit codes: 0 done, 1 the command failed, 2 bad usage.
int runCtl(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

}  // namespace onewindow::ctl
