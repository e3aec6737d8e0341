#include "forms/validators.hpp"

#include <array>
#include <vector>

#include "forms/expr_text.hpp"

namespace onewindow::forms {
namespace {

// The text as code points, each kept as its UTF-8 bytes so problems can quote it.
std::vector<std::string> characters(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t start = at;
    expr::text::decodeNext(text, at);
    out.emplace_back(text.substr(start, at - start));
  }
  return out;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool isDigitCharacter(const std::string& character) {
  return character.size() == 1 && isDigit(character[0]);
}

std::string lengthProblem(const char* what, std::size_t length) {
  return std::string(what) + " has 18 characters, this one has " + std::to_string(length);
}

constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheckCharacters = "10X98765432";

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Index in the credit-code alphabet, or -1.
int usccValue(char c) {
  const auto found = kUsccAlphabet.find(upper(c));
  return found == std::string_view::npos ? -1 : static_cast<int>(found);
}

int wholeYearsBetween(const CivilDate& birth, const CivilDate& today) {
  int years = today.year - birth.year;
  if (today.month < birth.month || (today.month == birth.month && today.day < birth.day)) --years;
  return years;
}

}  // namespace

char idNumberCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!isDigit(first17[i])) return '\0';
    sum += (first17[i] - '0') * kIdWeights[i];
  }
  return kIdCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

IdNumberCheck checkIdNumber(std::string_view text, CivilDate today) {
  IdNumberCheck check;
  const auto chars = characters(text);
  if (chars.size() != 18) {
    check.problem = lengthProblem("an ID number", chars.size());
    return check;
  }
  for (std::size_t i = 0; i < 17; ++i) {
    if (!isDigitCharacter(chars[i])) {
      check.problem =
          "character " + std::to_string(i + 1) + " should be a digit, not '" + chars[i] + "'";
      return check;
    }
  }
  const std::string& last = chars[17];
  if (!(isDigitCharacter(last) || last == "X" || last == "x")) {
    check.problem = "the last character should be a digit or X, not '" + last + "'";
    return check;
  }
  check.male = (text[16] - '0') % 2 == 1;
  const std::string_view birthDigits = text.substr(6, 8);
  check.birthDate = CivilDate::parseCompact(birthDigits);
  if (text[0] < '1' || text[0] > '8') {
    check.problem = "the region code " + std::string(text.substr(0, 6)) +
                    " is not a mainland region (the first digit should be 1 to 8)";
    return check;
  }
  if (!check.birthDate) {
    check.problem = "the birth date " + std::string(birthDigits) + " does not exist";
    return check;
  }
  if (check.birthDate->year < 1900) {
    check.problem = "the birth date " + std::string(birthDigits) + " is before 1900";
    return check;
  }
  if (*check.birthDate > today) {
    check.problem = "the birth date " + std::string(birthDigits) + " is after today";
    return check;
  }
  const char expected = idNumberCheckCharacter(text.substr(0, 17));
  if (upper(last[0]) != expected) {
    check.problem = std::string("the check character should be ") + expected + ", not " + last;
    return check;
  }
  check.valid = true;
  return check;
}

std::optional<int> ageFromIdNumber(std::string_view text, CivilDate today) {
  const IdNumberCheck check = checkIdNumber(text, today);
  if (!check.valid) return std::nullopt;
  return wholeYearsBetween(*check.birthDate, today);
}

char usccCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int value = usccValue(first17[i]);
    if (value < 0) return '\0';
    sum += value * kUsccWeights[i];
  }
  return kUsccAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

UsccCheck checkUscc(std::string_view text) {
  UsccCheck check;
  const auto chars = characters(text);
  if (chars.size() != 18) {
    check.problem = lengthProblem("a unified social credit code", chars.size());
    return check;
  }
  for (std::size_t i = 0; i < 18; ++i) {
    if (chars[i].size() != 1 || usccValue(chars[i][0]) < 0) {
      check.problem = "character " + std::to_string(i + 1) + " '" + chars[i] +
                      "' is not used in credit codes (digits and capital letters except I, O, "
                      "S, V and Z)";
      return check;
    }
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (!isDigit(text[i])) {
      check.problem = "characters 3 to 8 are the region code and should be digits, not " +
                      std::string(text.substr(2, 6));
      return check;
    }
  }
  const char expected = usccCheckCharacter(text.substr(0, 17));
  if (upper(text[17]) != expected) {
    check.problem = std::string("the check character should be ") + expected + ", not " +
                    std::string(1, text[17]);
    return check;
  }
  check.valid = true;
  return check;
}

bool isMobileNumber(std::string_view text) {
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (isDigit(c)) {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if ((c == ' ' || c == '-') && (!digits.empty() || plus)) {
      continue;  // separators only between digits (after a leading + or the first digit)
    } else {
      return false;
    }
  }
  if (!text.empty() && (text.back() == ' ' || text.back() == '-')) return false;
  if (plus) {
    if (digits.size() != 13 || digits.compare(0, 2, "86") != 0) return false;
    digits.erase(0, 2);
  } else if (digits.size() == 13 && digits.compare(0, 2, "86") == 0) {
    digits.erase(0, 2);
  }
  return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

bool isPostcode(std::string_view text) {
  if (text.size() != 6) return false;
  for (char c : text) {
    if (!isDigit(c)) return false;
  }
  return true;
}

}  // namespace onewindow::forms
