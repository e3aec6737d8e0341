#pragma once
// The documented vocabulary of the document data model (printing/README.md, "Data"): the
// field paths and lists a template may name. The loader refuses any other name, so a typo in a
// template is a located load error, not a blank on a printed notice.
#include <span>
#include <string_view>

namespace onewindow::printing {

struct FieldDoc {
  std::string_view path;
  std::string_view meaning;
};
struct ListDoc {
  std::string_view name;
  std::string_view meaning;
  std::span<const FieldDoc> fields;  // relative to a row; row.index is always there
};

std::span<const FieldDoc> documentFields();
std::span<const ListDoc> documentLists();
// Fields only the page layer knows: page.number, page.count.
std::span<const FieldDoc> pageFields();

bool isDocumentField(std::string_view path);
bool isPageField(std::string_view path);
const ListDoc* findList(std::string_view name);
bool isRowField(const ListDoc& list, std::string_view field);

}  // namespace onewindow::printing
