#include "client/app/translations.hpp"

#include <wx/intl.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

namespace onewindow::app {

bool setUpTranslations(const std::string& language) {
  // Build tree first (running from the build directory), then the installed prefix.
  wxFileTranslationsLoader::AddCatalogLookupPathPrefix(ONEWINDOW_BUILD_LOCALE_DIR);
  wxFileTranslationsLoader::AddCatalogLookupPathPrefix(ONEWINDOW_INSTALL_LOCALE_DIR);

  auto* translations = new wxTranslations;
  wxTranslations::Set(translations);  // takes ownership
  if (language == "en") {
    translations->SetLanguage(wxLANGUAGE_ENGLISH_US);
    return true;
  }
  translations->SetLanguage(wxLANGUAGE_CHINESE_SIMPLIFIED);
  translations->AddStdCatalog();  // wx's own strings (stock buttons) in Chinese
  return translations->AddCatalog("onewindow");
}

}  // namespace onewindow::app
