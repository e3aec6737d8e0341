#pragma once
// The arguments of the case and print commands: "--name value" pairs and flags, and the clerk
// logged in through the command's engine.
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace onewindow::ctl {

class CtlEngine;

struct Arguments {
  std::vector<std::pair<std::string, std::string>> values;  // --name value, in order
  std::vector<std::string> flags;                           // --name without a value
};

// Splits a command's arguments; `flagNames` take no value. False (after saying why) on misuse.
bool parse(const std::vector<std::string>& arguments, const std::vector<std::string>& flagNames,
           Arguments& parsed, std::ostream& err, const char* usage);
std::string valueOf(const Arguments& parsed, const std::string& name,
                    const std::string& fallback = "");
std::vector<std::string> valuesOf(const Arguments& parsed, const std::string& name);
bool has(const Arguments& parsed, const std::string& flag);

// Logs in --clerk at --window (password: $ONEWINDOW_PASSWORD or stdin); nullopt when logged
// in, else why not.
std::optional<std::string> loginFailure(CtlEngine& session, const Arguments& parsed);
// --catalog FILE, when given.
std::optional<std::filesystem::path> catalogOf(const Arguments& parsed);

}  // namespace onewindow::ctl
