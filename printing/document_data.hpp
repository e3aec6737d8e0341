#pragma once
// The document data model (printing/README.md, "Data"): what a template's fields are bound to.
// Values are text, named by dotted paths ("case.number", "applicant.name"); repeating parts
// (the materials of a case) are named lists of rows whose fields are read relative to the row.
// Text in, text out: the engine decides the values (due dates on the matter's calendar, the
// official or provisional number), the template only formats and places them.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace onewindow::printing {

using DocumentRow = std::map<std::string, std::string, std::less<>>;

class DocumentData {
public:
  void set(std::string path, std::string value);
  // The value of a field, or nullptr when the document has none (an empty string is a value).
  const std::string* find(std::string_view path) const;
  std::string valueOr(std::string_view path, std::string_view fallback = {}) const;

  std::vector<DocumentRow>& list(const std::string& name);
  const std::vector<DocumentRow>* findList(std::string_view name) const;

  const DocumentRow& fields() const { return fields_; }
  const std::map<std::string, std::vector<DocumentRow>, std::less<>>& lists() const {
    return lists_;
  }

private:
  DocumentRow fields_;
  std::map<std::string, std::vector<DocumentRow>, std::less<>> lists_;
};

} // namespace onewindow::printing
