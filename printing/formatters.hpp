#pragma once
// The field formatters of document templates (printing/README.md, "Data"): how a value of the
// document data is written on paper. Pure functions, text (UTF-8) in, text out.
//
// Errors: every formatter throws FormatError (a std::invalid_argument) for a value it cannot
// format; what() names the formatter and quotes the value, e.g.
//   formatter 'date' cannot format "2026-02-30": no such day
// and formatter() / value() / reason() give the parts, so the layout engine can report the
// error located in the template. An empty value is not an error: every formatter writes an
// empty value as empty text (use `default` to print something else).
//
// Times: the store writes ISO 8601 UTC ("2026-11-27T18:30:00Z"); documents show the date and
// time of China Standard Time (UTC+8, no daylight saving time).
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace onewindow::printing {

class FormatError : public std::invalid_argument {
 public:
  FormatError(std::string_view formatter, std::string_view value, std::string_view reason);

  const std::string& formatter() const { return formatter_; }
  const std::string& value() const { return value_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string formatter_;
  std::string value_;
  std::string reason_;
};

// "2026-11-27" → "2026年11月27日" (a calendar date is taken as it is);
// "2026-11-27T18:30:00Z" → "2026年11月28日" (the date in China Standard Time).
// Date-times: "YYYY-MM-DDTHH:MM[:SS[.fraction]]" followed by "Z" or an offset "±HH:MM".
// Month and day are written without leading zeros, as in official documents (GB/T 9704).
[[nodiscard]] std::string chineseDate(std::string_view text);
// "2026-11-27T18:30:00Z" → "2026年11月28日 02:30" (China Standard Time). A date alone is refused.
[[nodiscard]] std::string chineseDateTime(std::string_view text);
// The same inputs as chineseDate → "2026-11-28".
[[nodiscard]] std::string isoDate(std::string_view text);

// Identity documents, counted in code points: an 18-character resident ID keeps its first 6 and
// last 4 characters ("440305********123X"), a 15-digit one its first 6 and last 3; any other
// document (passport, HK/Macau permit) its first 2 and last 2; values of 4 characters or fewer
// are masked entirely. Refuses text that is not UTF-8.
[[nodiscard]] std::string maskIdNumber(std::string_view text);
// "13812345678" → "138****5678"; other lengths keep the first 3 and last 2 characters, values of
// 5 characters or fewer are masked entirely. Digits, spaces and "+-()" only.
[[nodiscard]] std::string maskPhone(std::string_view text);

// An amount in yuan ("12345.67", "-3", "0.5"; at most 13 integer digits and 2 decimals) in
// Chinese capital numerals after the rules of the People's Bank of China for bills:
// "壹万贰仟叁佰肆拾伍元陆角柒分", "壹佰元整", "壹元贰角整", "壹拾元零伍分", "壹亿零壹元整",
// "零元整"; below one yuan the "零元" is left out ("伍分", "伍角整"); negative amounts start
// with "负". One "零" stands for a run of zeros inside the number; none is written between
// 元 and 角 when the yuan end in a zero ("壹拾元伍角整").
[[nodiscard]] std::string chineseUpperAmount(std::string_view text);

// A number of working days: "5" → "5个工作日", "0" → "即办".
[[nodiscard]] std::string workingDaysText(std::string_view text);

// ASCII letters to upper case, other text unchanged.
[[nodiscard]] std::string asciiUpper(std::string_view text);

// The formatters a template can name, in this order:
//   date, datetime, iso-date, id-mask, phone-mask, amount-upper, workdays, upper, default.
// `default` writes its argument when the value is empty and the value otherwise; the other
// formatters ignore the argument.
[[nodiscard]] std::span<const std::string_view> knownFormatters();
[[nodiscard]] bool isKnownFormatter(std::string_view formatter);
// Formats `value` with the named formatter. Throws FormatError for an unknown name (listing
// the known ones) and for a value the formatter refuses.
[[nodiscard]] std::string formatValue(std::string_view formatter, std::string_view argument,
                                      std::string_view value);

}  // namespace onewindow::printing
