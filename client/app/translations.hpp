#pragma once
// Simplified Chinese is the default UI language and English the second (DESIGN.md §12).
// Source strings are English; zh_CN comes from po/zh_CN.po compiled at build time.

#include <string>

namespace onewindow::app {

// Installs wxTranslations for "zh_CN" or "en"; returns false (and keeps English) when the
// catalog cannot be found, which the caller logs.
bool setUpTranslations(const std::string& language);

}  // namespace onewindow::app
