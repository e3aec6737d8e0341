#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "printing/formatters.hpp"

namespace printing = onewindow::printing;
using printing::FormatError;

namespace {

// The message of the FormatError `call` throws, or "" when it throws none.
template <typename Call>
std::string errorOf(Call call) {
  try {
    (void)call();
  } catch (const FormatError& error) {
    return error.what();
  }
  return {};
}

}  // namespace

TEST_CASE("formatters: chinese dates, from dates and from UTC date-times in CST",
          "[printing][formatters]") {
  CHECK(printing::chineseDate("2026-11-27") == "2026年11月27日");
  CHECK(printing::chineseDate("2026-03-05") == "2026年3月5日");
  CHECK(printing::chineseDate("2026-11-27T18:30:00Z") == "2026年11月28日");
  CHECK(printing::chineseDate("2026-11-27T15:59:59Z") == "2026年11月27日");
  CHECK(printing::chineseDate("2026-11-27T16:00:00Z") == "2026年11月28日");
  CHECK(printing::chineseDate("2026-12-31T16:00:00Z") == "2027年1月1日");
  CHECK(printing::chineseDate("2028-02-28T20:00:00Z") == "2028年2月29日");
  CHECK(printing::chineseDate("2024-02-29") == "2024年2月29日");
  CHECK(printing::chineseDate("2026-11-27T18:30:00.250Z") == "2026年11月28日");
  CHECK(printing::chineseDate("2026-11-28T02:30:00+08:00") == "2026年11月28日");
  CHECK(printing::chineseDate("2026-11-27T20:30-05:00") == "2026年11月28日");
  CHECK(printing::chineseDate("").empty());

  CHECK(printing::chineseDateTime("2026-11-27T18:30:00Z") == "2026年11月28日 02:30");
  CHECK(printing::chineseDateTime("2026-11-27T01:05:59Z") == "2026年11月27日 09:05");
  CHECK(printing::chineseDateTime("2026-12-31T23:59:00Z") == "2027年1月1日 07:59");

  CHECK(printing::isoDate("2026-11-27T18:30:00Z") == "2026-11-28");
  CHECK(printing::isoDate("2026-11-27") == "2026-11-27");
  CHECK(printing::isoDate("2026-03-05T00:00:00Z") == "2026-03-05");
}

TEST_CASE("formatters: impossible dates and other text are refused by name",
          "[printing][formatters]") {
  const std::vector<std::string> refused{"2026-02-30",
                                         "2025-02-29",
                                         "2026-13-01",
                                         "2026-00-10",
                                         "2026-11-31",
                                         "2026-11-27T24:00:00Z",
                                         "2026-11-27T18:60:00Z",
                                         "2026-11-27T18:30",
                                         "2026-11-27T18:30:00",
                                         "26-11-27",
                                         "2026/11/27",
                                         "2026-11-27 18:30Z",
                                         "2026-11-27T18:30:00Zx",
                                         "2026-1-27",
                                         "yesterday",
                                         "2026-11-27T18:30:00.Z"};
  for (const std::string& text : refused) {
    INFO(text);
    CHECK_THROWS_AS(printing::chineseDate(text), FormatError);
    CHECK_THROWS_AS(printing::isoDate(text), FormatError);
    CHECK_THROWS_AS(printing::chineseDateTime(text), FormatError);
  }
  CHECK(errorOf([] { return printing::chineseDate("2026-02-30"); }) ==
        "formatter 'date' cannot format \"2026-02-30\": no such day");
  CHECK(errorOf([] {
          return printing::chineseDateTime("2026-11-27");
        }).starts_with("formatter 'datetime' cannot format \"2026-11-27\": a date without"));
  try {
    (void)printing::isoDate("2026-02-30");
    FAIL("no error");
  } catch (const FormatError& error) {
    CHECK(error.formatter() == "iso-date");
    CHECK(error.value() == "2026-02-30");
    CHECK(error.reason() == "no such day");
  }
}

TEST_CASE("formatters: identity numbers keep the ends the rules allow", "[printing][formatters]") {
  CHECK(printing::maskIdNumber("44030519900101123X") == "440305********123X");
  CHECK(printing::maskIdNumber("440305199001011234") == "440305********1234");
  CHECK(printing::maskIdNumber("44030519900101123x") == "440305********123x");
  CHECK(printing::maskIdNumber("440305900101123") == "440305******123");
  // Passports and permits: first 2, last 2.
  CHECK(printing::maskIdNumber("E12345678") == "E1*****78");
  CHECK(printing::maskIdNumber("H1234567890") == "H1*******90");
  CHECK(printing::maskIdNumber("C01234567") == "C0*****67");
  // 18 characters that are not a resident ID are another document.
  CHECK(printing::maskIdNumber("AB3456789012345678") == "AB**************78");
  // Short values are masked entirely.
  CHECK(printing::maskIdNumber("1234") == "****");
  CHECK(printing::maskIdNumber("A1") == "**");
  CHECK(printing::maskIdNumber("").empty());
  // Code points, not bytes.
  CHECK(printing::maskIdNumber("港澳通行证一二三") == "港澳****二三");
  CHECK(printing::maskIdNumber("港澳通行") == "****");
  CHECK_THROWS_AS(printing::maskIdNumber("44\xff"
                                         "0305"),
                  FormatError);
  CHECK_THROWS_AS(printing::maskIdNumber("\xe6\xb7"), FormatError);
}

TEST_CASE("formatters: phone numbers", "[printing][formatters]") {
  CHECK(printing::maskPhone("13812345678") == "138****5678");
  CHECK(printing::maskPhone("0755-12345678") == "075********78");
  CHECK(printing::maskPhone("83456789") == "834***89");
  CHECK(printing::maskPhone("+8613812345678") == "+86*********78");
  CHECK(printing::maskPhone("12345") == "*****");
  CHECK(printing::maskPhone("").empty());
  CHECK(errorOf([] {
          return printing::maskPhone("张三");
        }).starts_with("formatter 'phone-mask' cannot format \"张三\""));
}

TEST_CASE("formatters: amounts in Chinese capitals (人民币大写)", "[printing][formatters]") {
  struct Case {
    const char* amount;
    const char* capitals;
  };
  const std::vector<Case> cases{
      {"12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"},
      {"100", "壹佰元整"},
      {"100.00", "壹佰元整"},
      {"1000000.00", "壹佰万元整"},
      {"100000001", "壹亿零壹元整"},
      {"0", "零元整"},
      {"0.00", "零元整"},
      {"1.20", "壹元贰角整"},
      {"1.2", "壹元贰角整"},
      {"0.05", "伍分"},
      {"0.50", "伍角整"},
      {"0.15", "壹角伍分"},
      {"1", "壹元整"},
      {"10", "壹拾元整"},
      {"15", "壹拾伍元整"},
      {"110", "壹佰壹拾元整"},
      {"1001", "壹仟零壹元整"},
      {"1010", "壹仟零壹拾元整"},
      {"10000", "壹万元整"},
      {"10001", "壹万零壹元整"},
      {"100100", "壹拾万零壹佰元整"},
      {"1000500", "壹佰万零伍佰元整"},
      {"100010000", "壹亿零壹万元整"},
      {"110000000", "壹亿壹仟万元整"},
      {"1000000000000", "壹万亿元整"},
      {"1000000010000", "壹万亿零壹万元整"},
      {"2010000000000", "贰万零壹佰亿元整"},
      {"9999999999999.99", "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
      // The examples of the PBOC rules for bills.
      {"1409.50", "壹仟肆佰零玖元伍角整"},
      {"6007.14", "陆仟零柒元壹角肆分"},
      {"1680.32", "壹仟陆佰捌拾元叁角贰分"},
      {"107000.53", "壹拾万柒仟元伍角叁分"},
      {"16409.02", "壹万陆仟肆佰零玖元零贰分"},
      {"325.04", "叁佰贰拾伍元零肆分"},
      {"10.05", "壹拾元零伍分"},
      {"007.10", "柒元壹角整"},
      {"-12.5", "负壹拾贰元伍角整"},
      {"-0.05", "负伍分"},
      {"-0", "零元整"},
      {"", ""},
  };
  for (const Case& c : cases) {
    INFO(c.amount);
    CHECK(printing::chineseUpperAmount(c.amount) == c.capitals);
  }
}

TEST_CASE("formatters: amounts that are not yuan are refused", "[printing][formatters]") {
  for (const char* text : {"12.345", "1.", ".5", "-", "abc", "1,000.00", "12 3", "+5", "1e3",
                           "10000000000000", "--1", "1.2.3"}) {
    INFO(text);
    CHECK_THROWS_AS(printing::chineseUpperAmount(text), FormatError);
  }
  CHECK(errorOf([] { return printing::chineseUpperAmount("12.345"); }) ==
        "formatter 'amount-upper' cannot format \"12.345\": more than two decimals (角 and 分)");
  CHECK(printing::chineseUpperAmount("0000000000000001") == "壹元整");
}

TEST_CASE("formatters: working days", "[printing][formatters]") {
  CHECK(printing::workingDaysText("5") == "5个工作日");
  CHECK(printing::workingDaysText("1") == "1个工作日");
  CHECK(printing::workingDaysText("20") == "20个工作日");
  CHECK(printing::workingDaysText("0") == "即办");
  CHECK_THROWS_AS(printing::workingDaysText("-1"), FormatError);
  CHECK_THROWS_AS(printing::workingDaysText("五"), FormatError);
  CHECK_THROWS_AS(printing::workingDaysText("2.5"), FormatError);
}

TEST_CASE("formatters: the registry dispatches by name and lists its names",
          "[printing][formatters]") {
  const auto names = printing::knownFormatters();
  const std::vector<std::string_view> expected{"date",     "datetime",   "iso-date",
                                               "id-mask",  "phone-mask", "amount-upper",
                                               "workdays", "upper",      "default"};
  CHECK(std::vector<std::string_view>(names.begin(), names.end()) == expected);
  for (std::string_view name : names) CHECK(printing::isKnownFormatter(name));
  CHECK_FALSE(printing::isKnownFormatter("Date"));

  CHECK(printing::formatValue("date", "", "2026-11-27T18:30:00Z") == "2026年11月28日");
  CHECK(printing::formatValue("datetime", "", "2026-11-27T18:30:00Z") == "2026年11月28日 02:30");
  CHECK(printing::formatValue("iso-date", "", "2026-11-27T18:30:00Z") == "2026-11-28");
  CHECK(printing::formatValue("id-mask", "", "44030519900101123X") == "440305********123X");
  CHECK(printing::formatValue("phone-mask", "", "13812345678") == "138****5678");
  CHECK(printing::formatValue("amount-upper", "", "100") == "壹佰元整");
  CHECK(printing::formatValue("workdays", "", "5") == "5个工作日");
  CHECK(printing::formatValue("upper", "", "p-2026-abc 深圳") == "P-2026-ABC 深圳");
  CHECK(printing::formatValue("default", "—", "") == "—");
  CHECK(printing::formatValue("default", "—", "张三") == "张三");

  const std::string unknown = errorOf([] { return printing::formatValue("dat", "", "x"); });
  CHECK(unknown.starts_with("formatter 'dat' cannot format \"x\": unknown formatter"));
  for (std::string_view name : names) CHECK(unknown.find(name) != std::string::npos);
  CHECK(errorOf([] { return printing::formatValue("date", "", "2026-02-30"); }) ==
        "formatter 'date' cannot format \"2026-02-30\": no such day");
}
