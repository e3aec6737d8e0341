#pragma once
// Domain validators (DESIGN.md §8, shared/domain/README.md "Numbers and check digits"):
// 身份证 (GB 11643), 统一社会信用代码 (GB 32100), mainland mobile numbers and postcodes.
// Used by the expression functions id-number-valid(), uscc-valid(), age-from-id() and by the
// intake screens, so both say the same thing about the same number. Problems are plain
// English sentences a clerk can act on.

#include <optional>
#include <string>
#include <string_view>

#include "forms/civil_date.hpp"

namespace onewindow::forms {

struct IdNumberCheck {
  bool valid = false;
  std::string problem;                 // empty when valid
  std::optional<CivilDate> birthDate;  // set whenever the birth-date digits name a real day
  bool male = false;                   // odd sequence digit; meaningful when the digits are
};

// 18 characters: 6-digit region (first digit 1–8), birth date YYYYMMDD (a real day, year
// 1900 or later, not after `today`), 3-digit sequence (odd = male), and the ISO 7064
// MOD 11-2 check character (0–9 or X; a lower-case x is accepted).
[[nodiscard]] IdNumberCheck checkIdNumber(std::string_view text, CivilDate today);

// The check character for the first 17 digits of an ID number ('0'–'9' or 'X'); '\0' when
// `first17` is not 17 digits.
[[nodiscard]] char idNumberCheckCharacter(std::string_view first17);

// Whole years from the birth date to `today`; nullopt when the number is not valid.
[[nodiscard]] std::optional<int> ageFromIdNumber(std::string_view text, CivilDate today);

struct UsccCheck {
  bool valid = false;
  std::string problem;  // empty when valid
};

// 18 characters over 0-9 A-H J-N P-R T-U W-Y (no I, O, Z, S, V; lower case is read as upper
// case), a 6-digit region code in characters 3–8, and the MOD 31 check character.
[[nodiscard]] UsccCheck checkUscc(std::string_view text);

// The check character for the first 17 characters of a credit code; '\0' when one of them is
// outside the alphabet or there are not 17.
[[nodiscard]] char usccCheckCharacter(std::string_view first17);

// A mainland mobile number: 11 digits 1[3-9]xxxxxxxxx, optionally after +86 or 86; spaces
// and hyphens between digits are tolerated ("138 0013 8000", "+86-138-0013-8000").
[[nodiscard]] bool isMobileNumber(std::string_view text);

// A mainland postcode: exactly 6 digits.
[[nodiscard]] bool isPostcode(std::string_view text);

}  // namespace onewindow::forms
