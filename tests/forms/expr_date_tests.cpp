// Date functions and date arithmetic, on a fixed clock.

#include <cmath>
#include <string>

#include <catch2/catch.hpp>

#include "forms/expr.hpp"

using onewindow::forms::expr::Context;
using onewindow::forms::expr::Environment;
using onewindow::forms::expr::EvalError;
using onewindow::forms::expr::Expression;

namespace {

class FixedClock : public Environment {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point now) : now_(now) {}
  std::chrono::system_clock::time_point now() const override { return now_; }

 private:
  std::chrono::system_clock::time_point now_;
};

std::chrono::system_clock::time_point utc(int y, unsigned m, unsigned d, int h, int min, int s,
                                          int ms = 0) {
  using namespace std::chrono;
  return sys_days{year{y} / m / d} + hours{h} + minutes{min} + seconds{s} + milliseconds{ms};
}

class Form {
 public:
  explicit Form(std::chrono::system_clock::time_point now) : clock_(now) {
    REQUIRE(document_.load_string(
        "<data><birth>1990-03-07</birth><visit>2026-11-27T09:30:00+08:00</visit><none/></data>"));
  }
  Context at() const {
    Context context;
    context.node = document_.document_element();
    context.environment = &clock_;
    return context;
  }
  std::string text(const char* expression) const {
    return Expression::parse(expression).evaluateString(at());
  }
  double number(const char* expression) const {
    return Expression::parse(expression).evaluateNumber(at());
  }
  bool truth(const char* expression) const {
    return Expression::parse(expression).evaluateBoolean(at());
  }

 private:
  pugi::xml_document document_;
  FixedClock clock_;
};

}  // namespace

TEST_CASE("today() is the China date and turns over at 16:00 UTC", "[forms][expr]") {
  CHECK(Form(utc(2026, 11, 27, 15, 59, 59)).text("today()") == "2026-11-27");
  CHECK(Form(utc(2026, 11, 27, 16, 0, 0)).text("today()") == "2026-11-28");
}

TEST_CASE("now() is ISO 8601 with the +08:00 offset", "[forms][expr]") {
  const Form form(utc(2026, 11, 27, 17, 5, 9, 42));
  CHECK(form.text("now()") == "2026-11-28T01:05:09.042+08:00");
}

TEST_CASE("Dates are numbers of days since 1970-01-01", "[forms][expr]") {
  const Form form(utc(2026, 11, 27, 2, 0, 0));
  CHECK(form.number("number('1970-01-02')") == 1);
  CHECK(form.number("number('1969-12-31')") == -1);
  CHECK(form.number("decimal-date-time('1970-01-01T12:00:00+08:00')") == 0.5);
  CHECK(form.number("decimal-date-time('1970-01-01T04:00:00Z')") == 0.5);  // noon in Shenzhen
  CHECK(form.number("decimal-date-time('1970-01-02')") == 1);
  CHECK(form.number("decimal-date-time(2.25)") == 2.25);
  CHECK(std::isnan(form.number("decimal-date-time('')")));
  CHECK(std::isnan(form.number("decimal-date-time('not a date')")));
  CHECK(std::isnan(form.number("number('2026-02-30')")));
  // Comparisons and arithmetic on date strings.
  CHECK(form.truth("/data/birth < today()"));
  CHECK(form.truth("today() > '2026-11-26'"));
  CHECK_FALSE(form.truth("today() > '2026-11-27'"));
  CHECK(form.number("today() - /data/birth") == 13414);
  CHECK(form.number("'2026-03-01' - '2026-02-28'") == 1);
  CHECK(form.truth("/data/visit < '2026-11-28'"));
  CHECK(form.truth("/data/visit > '2026-11-27'"));
  CHECK_FALSE(form.truth("/data/none < today()"));  // an empty date compares false
}

TEST_CASE("date() turns numbers and date-times into dates", "[forms][expr]") {
  const Form form(utc(2026, 11, 27, 2, 0, 0));
  CHECK(form.text("date(0)") == "1970-01-01");
  CHECK(form.text("date(-1)") == "1969-12-31");
  CHECK(form.text("date(1.9)") == "1970-01-02");
  CHECK(form.text("date(today() + 30)") == "2026-12-27");
  CHECK(form.text("date('2026-11-27T23:30:00Z')") == "2026-11-28");  // already the 28th here
  CHECK(form.text("date(/data/birth)") == "1990-03-07");
  CHECK(form.text("date(' 20454 ')") == "2026-01-01");
  CHECK(form.text("date(/data/none)").empty());
  CHECK(form.text("date(0 div 0)").empty());
  CHECK_THROWS_WITH(form.text("date('yesterday')"),
                    "date(): 'yesterday' is not a date (expected YYYY-MM-DD)");
  CHECK_THROWS_AS(form.text("date('2026-02-30')"), EvalError);
}

TEST_CASE("format-date() and format-date-time() fill in the ODK specifiers", "[forms][expr]") {
  const Form form(utc(2026, 11, 27, 2, 0, 0));
  CHECK(form.text("format-date('2026-03-05', '%Y年%m月%d日')") == "2026年03月05日");
  CHECK(form.text("format-date('2026-03-05', '%y/%n/%e')") == "26/3/5");
  CHECK(form.text("format-date('2026-03-05', '%a %d %b %Y')") == "Thu 05 Mar 2026");
  CHECK(form.text("format-date(/data/birth, '%Y')") == "1990");
  CHECK(form.text("format-date(0, '%Y-%m-%d')") == "1970-01-01");
  CHECK(form.text("format-date-time('2026-11-27T09:05:03.007+08:00', '%H:%M:%S.%3 %h')") ==
        "09:05:03.007 9");
  CHECK(form.text("format-date-time('2026-11-27T01:05:03Z', '%Y-%m-%d %H:%M')") ==
        "2026-11-27 09:05");
  CHECK(form.text("format-date-time(now(), '%Y-%m-%d %H:%M')") == "2026-11-27 10:00");
  CHECK(form.text("format-date(today(), '100%%')") == "100%");
  CHECK(form.text("format-date(/data/none, '%Y')").empty());
  CHECK(form.text("format-date('soon', '%Y')").empty());
  // A format computed at run time keeps an unknown specifier as written.
  CHECK(form.text("format-date('2026-03-05', concat('%Y', '%q'))") == "2026%q");
}
