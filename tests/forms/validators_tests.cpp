// Domain validators: 身份证, USCC, mobile numbers, postcodes.
//
// Check characters for the synthetic numbers are computed here from the standards' own
// definitions (weights 2^(17-i) mod 11 and 3^i mod 31), independently of the tables in
// validators.cpp.

#include <string>

#include <catch2/catch.hpp>

#include "forms/validators.hpp"

using onewindow::forms::ageFromIdNumber;
using onewindow::forms::checkIdNumber;
using onewindow::forms::checkUscc;
using onewindow::forms::CivilDate;
using onewindow::forms::idNumberCheckCharacter;
using onewindow::forms::isMobileNumber;
using onewindow::forms::isPostcode;
using onewindow::forms::usccCheckCharacter;

namespace {

const CivilDate kToday{2026, 11, 27};

int powMod(int base, int exponent, int modulus) {
  int result = 1;
  for (int i = 0; i < exponent; ++i) result = result * base % modulus;
  return result;
}

// ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, 10 = X.
std::string withIdCheck(const std::string& first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i)
    sum += (first17[static_cast<std::size_t>(i)] - '0') * powMod(2, 17 - i, 11);
  const int check = (12 - sum % 11) % 11;
  return first17 + (check == 10 ? 'X' : static_cast<char>('0' + check));
}

// GB 32100: weights 3^i mod 31 over the 31-character alphabet.
std::string withUsccCheck(const std::string& first17) {
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    sum += static_cast<int>(alphabet.find(first17[static_cast<std::size_t>(i)])) * powMod(3, i, 31);
  }
  return first17 + alphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

// The same number with the check character replaced by another valid-looking one.
std::string withWrongCheck(std::string number) {
  number.back() = number.back() == '0' ? '1' : '0';
  return number;
}

}  // namespace

TEST_CASE("The published ID number example is valid", "[forms][validators]") {
  const auto check = checkIdNumber("11010519491231002X", kToday);
  CHECK(check.valid);
  CHECK(check.problem.empty());
  CHECK(check.birthDate == CivilDate{1949, 12, 31});
  CHECK_FALSE(check.male);                                   // sequence 002: even
  CHECK(checkIdNumber("11010519491231002x", kToday).valid);  // lower-case x
  CHECK(idNumberCheckCharacter("11010519491231002") == 'X');
}

TEST_CASE("Changing one digit of an ID number is caught", "[forms][validators]") {
  const auto check = checkIdNumber("11010519491231003X", kToday);
  CHECK_FALSE(check.valid);
  CHECK(check.problem == "the check character should be 8, not X");
  // Every single-digit change in the first 17 digits changes the check character.
  const std::string good = "11010519491231002X";
  for (std::size_t i = 0; i < 17; ++i) {
    std::string changed = good;
    changed[i] = changed[i] == '9' ? '0' : static_cast<char>(changed[i] + 1);
    INFO(changed);
    CHECK_FALSE(checkIdNumber(changed, kToday).valid);
  }
}

TEST_CASE("Synthetic ID numbers with computed check characters", "[forms][validators]") {
  const char* bodies[] = {
      "44030419851012123",  // Futian, male
      "44030520000229002",  // Nanshan, born on a leap day, female
      "51010219560701057",  // Chengdu
      "65010119991231999",  // Urumqi
      "81000019010101001",  // Hong Kong residents' permit region, born 1901
      "44030320261127004",  // born today
  };
  for (const char* body : bodies) {
    const std::string number = withIdCheck(body);
    INFO(number);
    const auto check = checkIdNumber(number, kToday);
    CHECK(check.valid);
    CHECK(check.problem.empty());
    CHECK(idNumberCheckCharacter(body) == number.back());
    CHECK(check.male == ((body[16] - '0') % 2 == 1));
    CHECK_FALSE(checkIdNumber(withWrongCheck(number), kToday).valid);
  }
  const auto futian = checkIdNumber(withIdCheck("44030419851012123"), kToday);
  CHECK(futian.birthDate == CivilDate{1985, 10, 12});
  CHECK(futian.male);
}

TEST_CASE("ID number problems are specific", "[forms][validators]") {
  CHECK(checkIdNumber("110105491231002", kToday).problem ==
        "an ID number has 18 characters, this one has 15");
  CHECK(checkIdNumber("", kToday).problem == "an ID number has 18 characters, this one has 0");
  CHECK(checkIdNumber("张三1010519491231002", kToday).problem ==
        "character 1 should be a digit, not '张'");
  CHECK(checkIdNumber("1101051949123100A2", kToday).problem ==
        "character 17 should be a digit, not 'A'");
  CHECK(checkIdNumber("11010519491231002Y", kToday).problem ==
        "the last character should be a digit or X, not 'Y'");
  CHECK(checkIdNumber(withIdCheck("91010519491231002"), kToday).problem ==
        "the region code 910105 is not a mainland region (the first digit should be 1 to 8)");
  CHECK(checkIdNumber(withIdCheck("01010519491231002"), kToday).problem ==
        "the region code 010105 is not a mainland region (the first digit should be 1 to 8)");
  const auto february = checkIdNumber(withIdCheck("44030419900230002"), kToday);
  CHECK(february.problem == "the birth date 19900230 does not exist");
  CHECK_FALSE(february.birthDate);
  CHECK(checkIdNumber(withIdCheck("44030418991231002"), kToday).problem ==
        "the birth date 18991231 is before 1900");
  const auto tomorrow = checkIdNumber(withIdCheck("44030420261128002"), kToday);
  CHECK(tomorrow.problem == "the birth date 20261128 is after today");
  CHECK(tomorrow.birthDate == CivilDate{2026, 11, 28});  // the digits still name a day
}

TEST_CASE("Age from an ID number counts whole years", "[forms][validators]") {
  const std::string born = withIdCheck("44030419561127001");  // 1956-11-27
  CHECK(ageFromIdNumber(born, kToday) == 70);                 // the birthday itself
  CHECK(ageFromIdNumber(born, CivilDate{2026, 11, 26}) == 69);
  const std::string leap = withIdCheck("44030420000229001");
  CHECK(ageFromIdNumber(leap, CivilDate{2026, 2, 28}) == 25);
  CHECK(ageFromIdNumber(leap, CivilDate{2026, 3, 1}) == 26);
  CHECK(ageFromIdNumber(withIdCheck("44030420261127001"), kToday) == 0);
  CHECK_FALSE(ageFromIdNumber("11010519491231003X", kToday));
  CHECK_FALSE(ageFromIdNumber("abc", kToday));
}

TEST_CASE("The published credit code sample is valid", "[forms][validators]") {
  const auto check = checkUscc("91350100M000100Y43");
  CHECK(check.valid);
  CHECK(check.problem.empty());
  CHECK(usccCheckCharacter("91350100M000100Y4") == '3');
  CHECK(checkUscc("91350100m000100y43").valid);  // read as upper case
}

TEST_CASE("Credit code variants are caught with specific problems", "[forms][validators]") {
  CHECK(checkUscc("91350100M000100Y44").problem == "the check character should be 3, not 4");
  CHECK_FALSE(checkUscc("91350100M000101Y43").valid);
  CHECK(checkUscc("91350100M000100Y4").problem ==
        "a unified social credit code has 18 characters, this one has 17");
  CHECK(checkUscc("91350100I000100Y43").problem ==
        "character 9 'I' is not used in credit codes (digits and capital letters except I, O, "
        "S, V and Z)");
  CHECK(checkUscc("9135010OM000100Y43").problem.rfind("character 8 'O'", 0) == 0);
  CHECK(checkUscc("91350100M000100Y4S").problem.rfind("character 18 'S'", 0) == 0);
  CHECK(checkUscc("9135010-M000100Y43").problem.rfind("character 8 '-'", 0) == 0);
  CHECK(checkUscc(withUsccCheck("91A50100M000100Y4")).problem ==
        "characters 3 to 8 are the region code and should be digits, not A50100");
}

TEST_CASE("Synthetic credit codes with computed check characters", "[forms][validators]") {
  const char* bodies[] = {
      "11440300MB2C92317",  // a Shenzhen government body
      "91440300MA5F00000",
      "92440300L12345678",  // an individual business
      "12100000400000624", "51440300YXWTRQPNM",
  };
  for (const char* body : bodies) {
    const std::string code = withUsccCheck(body);
    INFO(code);
    CHECK(checkUscc(code).valid);
    CHECK(usccCheckCharacter(body) == code.back());
    CHECK_FALSE(checkUscc(withWrongCheck(code)).valid);
  }
  CHECK(usccCheckCharacter("91350100I000100Y4") == '\0');
}

TEST_CASE("Mainland mobile numbers", "[forms][validators]") {
  CHECK(isMobileNumber("13800138000"));
  CHECK(isMobileNumber("19912345678"));
  CHECK(isMobileNumber("+8613800138000"));
  CHECK(isMobileNumber("8613800138000"));
  CHECK(isMobileNumber("138 0013 8000"));
  CHECK(isMobileNumber("138-0013-8000"));
  CHECK(isMobileNumber("+86 138 0013 8000"));
  CHECK(isMobileNumber("+86-138-0013-8000"));
  CHECK_FALSE(isMobileNumber(""));
  CHECK_FALSE(isMobileNumber("12800138000"));   // second digit 2
  CHECK_FALSE(isMobileNumber("23800138000"));   // not starting with 1
  CHECK_FALSE(isMobileNumber("1380013800"));    // 10 digits
  CHECK_FALSE(isMobileNumber("138001380001"));  // 12 digits
  CHECK_FALSE(isMobileNumber("+8513800138000"));
  CHECK_FALSE(isMobileNumber("+13800138000"));
  CHECK_FALSE(isMobileNumber(" 13800138000"));
  CHECK_FALSE(isMobileNumber("13800138000 "));
  CHECK_FALSE(isMobileNumber("138O0138000"));
  CHECK_FALSE(isMobileNumber("0755-12345678"));  // a landline
}

TEST_CASE("Postcodes are six digits", "[forms][validators]") {
  CHECK(isPostcode("518000"));
  CHECK(isPostcode("100000"));
  CHECK_FALSE(isPostcode("51800"));
  CHECK_FALSE(isPostcode("5180000"));
  CHECK_FALSE(isPostcode("51800a"));
  CHECK_FALSE(isPostcode(""));
  CHECK_FALSE(isPostcode("５１８０００"));  // full-width digits
}
