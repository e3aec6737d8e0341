#pragma once
// Text the clerk or the applicant reads, as the catalog gives it: Chinese always, English when
// the catalog has it.

#include <string>
#include <string_view>

namespace onewindow::forms {

struct Text {
  std::string zh;  // required by the catalog format
  std::string en;  // may be empty
  // The element carried sample="true": a placeholder figure the guide view marks as sample.
  bool sample = false;

  // The text in `language` ("zh" or "en"); English falls back to Chinese when absent.
  [[nodiscard]] const std::string& in(std::string_view language) const {
    return language == "en" && !en.empty() ? en : zh;
  }
  [[nodiscard]] bool empty() const { return zh.empty() && en.empty(); }
  friend bool operator==(const Text&, const Text&) = default;
};

}  // namespace onewindow::forms
