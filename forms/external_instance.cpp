#include "forms/external_instance.hpp"

#include <map>
#include <mutex>

namespace onewindow::forms {
namespace {

bool isNameStart(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

bool isNameChar(unsigned char c) {
  return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// An element name a column can become; "xml…" is reserved by XML itself.
bool isElementName(std::string_view name) {
  if (name.empty() || !isNameStart(static_cast<unsigned char>(name[0]))) return false;
  for (const char c : name)
    if (!isNameChar(static_cast<unsigned char>(c))) return false;
  return true;
}

struct CsvField {
  std::string text;
  std::size_t line = 0;
  std::size_t column = 0;
};

struct CsvRow {
  std::vector<CsvField> fields;
  std::size_t line = 0;
  bool unclosedQuote = false;  // reported already; its field count says nothing more
};

// RFC 4180 with the tolerance of files saved by spreadsheets, as ODK reads them: CRLF, LF or a
// lone CR ends a row; quoted fields may hold doubled quotes and line breaks; a quote in the
// middle of an unquoted field is kept as text; the separator is ';' when the first row has one
// and no comma (a spreadsheet saved in a locale that writes decimal commas). Columns count code
// points, for the diagnostics.
class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& file, std::vector<Diagnostic>& problems)
      : text_(text), file_(file), problems_(problems) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    const auto firstRow = text_.substr(0, text_.find_first_of("\r\n"));
    if (firstRow.find(';') != std::string_view::npos &&
        firstRow.find(',') == std::string_view::npos)
      separator_ = ';';
  }

  bool next(CsvRow& row) {
    row.fields.clear();
    row.unclosedQuote = false;
    while (at_ < text_.size()) {
      row.line = line_;
      bool quoted = false;
      readRow(row, quoted);
      // A row of one empty unquoted field is a blank line; "" is a value.
      const bool blank = row.fields.size() == 1 && row.fields[0].text.empty() && !quoted;
      if (!blank) return true;
      row.fields.clear();
    }
    return false;
  }

 private:
  [[nodiscard]] bool atRowEnd() const { return text_[at_] == '\n' || text_[at_] == '\r'; }

  void advance() {
    const auto c = static_cast<unsigned char>(text_[at_++]);
    const bool lineBreak = c == '\n' || (c == '\r' && (at_ >= text_.size() || text_[at_] != '\n'));
    if (lineBreak) {
      ++line_;
      column_ = 1;
    } else if (c != '\r' && (c & 0xC0) != 0x80) {
      ++column_;
    }
  }

  void readRow(CsvRow& row, bool& quotedFirst) {
    while (true) {
      CsvField field;
      field.line = line_;
      field.column = column_;
      if (at_ < text_.size() && text_[at_] == '"') {
        if (row.fields.empty()) quotedFirst = true;
        advance();
        bool closed = false;
        while (at_ < text_.size()) {
          if (text_[at_] == '"') {
            if (at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
              field.text += '"';
              advance();
              advance();
              continue;
            }
            advance();
            closed = true;
            break;
          }
          field.text += text_[at_];
          advance();
        }
        if (!closed) {
          row.unclosedQuote = true;
          problems_.push_back(
              Diagnostic{file_, field.line, field.column,
                         "a quoted field is not closed before the end of the file"});
        }
        // Text after the closing quote up to the separator is kept, as spreadsheets read it.
      }
      while (at_ < text_.size() && text_[at_] != separator_ && !atRowEnd()) {
        field.text += text_[at_];
        advance();
      }
      row.fields.push_back(std::move(field));
      if (at_ >= text_.size()) return;
      if (atRowEnd()) {
        if (text_[at_] == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') advance();
        advance();
        return;
      }
      advance();  // the separator
    }
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<Diagnostic>& problems_;
  char separator_ = ',';
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

struct CacheEntry {
  std::filesystem::file_time_type modified;
  std::uintmax_t size = 0;
  ExternalFormat format = ExternalFormat::Xml;
  std::weak_ptr<const pugi::xml_document> document;
};

std::mutex cacheMutex;
std::map<std::string, CacheEntry> cache;

std::shared_ptr<const pugi::xml_document> parseXmlInstance(const std::string& text,
                                                           const std::string& file) {
  auto document = std::make_shared<pugi::xml_document>();
  const auto parsed =
      document->load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    const SourceText source(file, text);
    throw LoadError({source.at(static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)),
                               std::string("not well-formed XML: ") + parsed.description())});
  }
  if (!document->document_element()) throw LoadError({Diagnostic{file, 0, 0, "no root element"}});
  return document;
}

}  // namespace

std::optional<ExternalInstanceRef> parseExternalSource(std::string_view src, std::string& why) {
  ExternalInstanceRef ref;
  constexpr std::string_view kXml = "jr://file/";
  constexpr std::string_view kCsv = "jr://file-csv/";
  std::string_view name;
  if (src.substr(0, kCsv.size()) == kCsv) {
    ref.format = ExternalFormat::Csv;
    name = src.substr(kCsv.size());
  } else if (src.substr(0, kXml.size()) == kXml) {
    ref.format = ExternalFormat::Xml;
    name = src.substr(kXml.size());
  } else {
    why =
        "only jr://file/… (XML) and jr://file-csv/… (CSV) files that travel with the form in "
        "the catalog release can be read at a window; other sources (jr://instance/casedb, "
        "entity lists, web addresses) belong to a device that fetches them";
    return std::nullopt;
  }
  bool plain = !name.empty();
  std::size_t at = 0;
  while (plain && at <= name.size()) {
    auto end = name.find('/', at);
    if (end == std::string_view::npos) end = name.size();
    const auto segment = name.substr(at, end - at);
    // No '\\' or ':' either: on Windows they would make the name a path of its own.
    plain = !segment.empty() && segment != "." && segment != ".." &&
            segment.find_first_of("\\:") == std::string_view::npos;
    at = end + 1;
  }
  if (!plain) {
    why =
        "the file must be named by a path beside the form (like communities.csv), without "
        "'..' or a leading '/'";
    return std::nullopt;
  }
  const bool csvName = name.size() >= 4 && name.substr(name.size() - 4) == ".csv";
  if (ref.format == ExternalFormat::Csv && !csvName) {
    why = "jr://file-csv/ names a .csv file";
    return std::nullopt;
  }
  if (ref.format == ExternalFormat::Xml && csvName) {
    why = "a .csv file is named with jr://file-csv/, not jr://file/";
    return std::nullopt;
  }
  ref.fileName = std::string(name);
  return ref;
}

std::shared_ptr<const pugi::xml_document> parseCsvInstance(std::string_view text,
                                                           const std::string& file) {
  std::vector<Diagnostic> problems;
  CsvReader reader(text, file, problems);
  CsvRow header;
  if (!reader.next(header)) {
    throw LoadError(
        {Diagnostic{file, 0, 0, "the CSV file is empty: its first row names the columns"}});
  }
  std::map<std::string, std::size_t> seen;
  for (const auto& field : header.fields) {
    if (!isElementName(field.text)) {
      problems.push_back(Diagnostic{
          file, field.line, field.column,
          "column name '" + field.text +
              "' cannot name a choice's field (a letter or '_' first, then letters, digits, "
              "'_', '-' or '.')"});
    } else if (!seen.emplace(field.text, field.column).second) {
      problems.push_back(
          Diagnostic{file, field.line, field.column, "a second column named '" + field.text + "'"});
    }
  }
  auto document = std::make_shared<pugi::xml_document>();
  auto root = document->append_child("root");
  CsvRow row;
  while (reader.next(row)) {
    if (row.unclosedQuote) continue;
    // As ODK: a short row's missing fields are empty, a long row's extra fields are dropped.
    auto item = root.append_child("item");
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      auto cell = item.append_child(header.fields[i].text.c_str());
      if (i < row.fields.size() && !row.fields[i].text.empty())
        cell.text().set(row.fields[i].text.c_str());
    }
  }
  if (!problems.empty()) {
    // A broken file can fail in many places: the first ones say why.
    constexpr std::size_t kShown = 20;
    if (problems.size() > kShown) {
      const auto more = problems.size() - kShown;
      problems.resize(kShown);
      problems.push_back(Diagnostic{file, problems.back().line, 1,
                                    "and " + std::to_string(more) + " more problems like these"});
    }
    throw LoadError(std::move(problems));
  }
  return document;
}

std::shared_ptr<const pugi::xml_document> loadExternalInstance(const std::filesystem::path& file,
                                                               ExternalFormat format) {
  std::error_code error;
  const auto modified = std::filesystem::last_write_time(file, error);
  const auto size = error ? 0 : std::filesystem::file_size(file, error);
  if (error) {
    throw LoadError({Diagnostic{file.string(), 0, 0, "cannot be read: " + error.message()}});
  }
  const std::string key = file.lexically_normal().string();
  {
    std::lock_guard lock(cacheMutex);
    const auto found = cache.find(key);
    if (found != cache.end() && found->second.modified == modified && found->second.size == size &&
        found->second.format == format) {
      if (auto shared = found->second.document.lock()) return shared;
    }
  }
  // Parsed outside the lock: two threads may both read a changed file; the second one wins.
  const std::string text = readSourceFile(file.string());
  auto document = format == ExternalFormat::Csv ? parseCsvInstance(text, file.string())
                                                : parseXmlInstance(text, file.string());
  std::lock_guard lock(cacheMutex);
  std::erase_if(cache, [](const auto& entry) { return entry.second.document.expired(); });
  cache[key] = CacheEntry{modified, size, format, document};
  return document;
}

}  // namespace onewindow::forms
