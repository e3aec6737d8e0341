#include "client/ctl/command_arguments.hpp"

#include <algorithm>
#include <ostream>

#include "client/ctl/ctl_engine.hpp"

namespace onewindow::ctl {

// Splits a command's arguments; `flagNames` take no value. False (after saying why) on misuse.
bool parse(const std::vector<std::string>& arguments, const std::vector<std::string>& flagNames,
           Arguments& parsed, std::ostream& err, const char* usage) {
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& name = arguments[i];
    if (std::find(flagNames.begin(), flagNames.end(), name) != flagNames.end()) {
      parsed.flags.push_back(name);
    } else if (name.rfind("--", 0) == 0 && i + 1 < arguments.size()) {
      parsed.values.emplace_back(name, arguments[++i]);
    } else {
      err << "onewindow-ctl: unexpected '" << name << "'\n" << usage;
      return false;
    }
  }
  return true;
}

std::string valueOf(const Arguments& parsed, const std::string& name, const std::string& fallback) {
  for (const auto& [key, value] : parsed.values)
    if (key == name) return value;
  return fallback;
}

std::vector<std::string> valuesOf(const Arguments& parsed, const std::string& name) {
  std::vector<std::string> found;
  for (const auto& [key, value] : parsed.values)
    if (key == name) found.push_back(value);
  return found;
}

bool has(const Arguments& parsed, const std::string& flag) {
  return std::find(parsed.flags.begin(), parsed.flags.end(), flag) != parsed.flags.end();
}

// The engine for a case command with the clerk logged in; nullopt after saying why not.
std::optional<std::string> loginFailure(CtlEngine& session, const Arguments& parsed) {
  const std::string clerk = valueOf(parsed, "--clerk");
  if (clerk.empty())
    return "a case command needs --clerk ID (password: $ONEWINDOW_PASSWORD or stdin)";
  const auto login = session.login(clerk, readPassword(), valueOf(parsed, "--window", "CTL"));
  if (!login) return "no answer to the login";
  if (!login->ok()) return "login refused: " + login->message;
  return std::nullopt;
}

std::optional<std::filesystem::path> catalogOf(const Arguments& parsed) {
  const std::string file = valueOf(parsed, "--catalog");
  if (file.empty()) return std::nullopt;
  return std::filesystem::path(file);
}

}  // namespace onewindow::ctl
