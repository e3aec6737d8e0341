#pragma once
// Applicant-name search with FTS5 (SQLite's full-text index). Chinese names have no spaces
// and are two to four characters long, which neither the unicode61 tokenizer (one token per
// run of Han characters) nor the trigram tokenizer (three characters at least) can search.
// So each Han character is indexed as a token of its own and a query becomes a phrase of
// characters: "张三" → "张 三", which also finds "张三丰" by prefix of the phrase.

#include <cstdint>
#include <string>
#include <string_view>

#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

// Han characters become single tokens; other text is kept (unicode61 splits and folds it).
[[nodiscard]] std::string nameTokens(std::string_view utf8Name);
// An FTS5 MATCH expression for what the clerk typed, quoted so no FTS5 syntax gets through.
// Empty when the text has nothing searchable.
[[nodiscard]] std::string nameMatchQuery(std::string_view typed);

// Keeps the index row of a case in step with its applicant name (inside the caller's
// transaction).
void indexApplicantName(Database& db, std::int64_t caseId, std::string_view applicantName);

}  // namespace onewindow::localdb
