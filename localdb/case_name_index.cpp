#include "localdb/case_name_index.hpp"

#include <vector>

namespace onewindow::localdb {
namespace {

// Decodes UTF-8 into code points with their byte spans; invalid bytes become U+FFFD.
struct CodePoint {
  char32_t value;
  std::string_view bytes;
};

std::vector<CodePoint> decode(std::string_view text) {
  std::vector<CodePoint> points;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    char32_t value = lead;
    if (lead >= 0xF0)
      length = 4, value = lead & 0x07;
    else if (lead >= 0xE0)
      length = 3, value = lead & 0x0F;
    else if (lead >= 0xC0)
      length = 2, value = lead & 0x1F;
    if (i + length > text.size()) length = text.size() - i;
    for (std::size_t k = 1; k < length; ++k) {
      value = (value << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    if (lead >= 0x80 && lead < 0xC0) value = 0xFFFD;
    points.push_back({value, text.substr(i, length)});
    i += length;
  }
  return points;
}

bool isHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

bool isSeparator(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == 0x3000 || c == 0x00B7 || c == 0x30FB ||
         c == '.' || c == '-' || c == ',' || c == '"' || c == '\'';
}

// Splits into tokens: each Han character alone, runs of anything else together.
std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> result;
  std::string run;
  auto flush = [&] {
    if (!run.empty()) result.push_back(run);
    run.clear();
  };
  for (const CodePoint& point : decode(text)) {
    if (isHan(point.value)) {
      flush();
      result.emplace_back(point.bytes);
    } else if (isSeparator(point.value)) {
      flush();
    } else {
      run += point.bytes;
    }
  }
  flush();
  return result;
}

}  // namespace

std::string nameTokens(std::string_view utf8Name) {
  std::string joined;
  for (const std::string& token : tokens(utf8Name)) {
    if (!joined.empty()) joined += ' ';
    joined += token;
  }
  return joined;
}

std::string nameMatchQuery(std::string_view typed) {
  const std::vector<std::string> parts = tokens(typed);
  if (parts.empty()) return {};
  // One quoted phrase (quotes are separators, so no token can end it early); the last token
  // may be a prefix so the list narrows while the clerk types.
  std::string phrase = "\"";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) phrase += ' ';
    phrase += parts[i];
  }
  phrase += "\" *";
  return phrase;
}

void indexApplicantName(Database& db, std::int64_t caseId, std::string_view applicantName) {
  db.prepare("DELETE FROM case_name_index WHERE rowid = ?1").bind(1, caseId).run();
  const std::string indexed = nameTokens(applicantName);
  if (indexed.empty()) return;
  db.prepare("INSERT INTO case_name_index (rowid, name_tokens) VALUES (?1, ?2)")
      .bind(1, caseId)
      .bind(2, indexed)
      .run();
}

}  // namespace onewindow::localdb
