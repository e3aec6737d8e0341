#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/catalog_loader.hpp"
#include "forms/catalog_search.hpp"

using namespace onewindow::forms;

namespace {

const std::string kGood = std::string(ONEWINDOW_FORMS_FIXTURES) + "/catalog/good/catalog.xml";

CivilDate day(const char* iso) { return *CivilDate::parseIso(iso); }

// "code:match" per hit, so an expectation shows order and reason at once.
std::vector<std::string> described(const std::vector<SearchHit>& hits) {
  static const char* const kKinds[] = {"exact-code",     "code-prefix", "name-prefix",
                                       "pinyin-prefix",  "name",        "pinyin",
                                       "code-substring", "keyword",     "all"};
  std::vector<std::string> lines;
  for (const auto& hit : hits) {
    const auto& code = hit.matter != nullptr ? hit.matter->basicCode : hit.bundle->code;
    lines.push_back(code + ":" + kKinds[static_cast<int>(hit.match)]);
  }
  return lines;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("Search by name, code, pinyin and keyword, best first", "[forms][catalog][search]") {
  const auto catalog = loadCatalog(kGood);
  const CatalogSearch search(catalog, day("2026-12-01"));
  CHECK(search.date() == day("2026-12-01"));

  CHECK(described(search.query("jzz")) == Lines{"440300007001:pinyin-prefix"});
  CHECK(described(search.query("JZZ")) == Lines{"440300007001:pinyin-prefix"});
  CHECK(described(search.query("居住")) == Lines{"440300007001:name-prefix"});
  CHECK(described(search.query("住证")) == Lines{"440300007001:name"});
  CHECK(described(search.query("yxzm")) == Lines{"440300010001:pinyin"});
  CHECK(described(search.query("暂住证")) == Lines{"440300007001:keyword"});
  CHECK(described(search.query("Residence")) == Lines{"440300007001:name-prefix"});
  CHECK(described(search.query("440300007001")) == Lines{"440300007001:exact-code"});
  CHECK(described(search.query("11440300mb2c9231734440300007001")) ==
        Lines{"440300007001:exact-code"});
  CHECK(described(search.query("44030000b001")) == Lines{"44030000B001:exact-code"});
  CHECK(described(search.query("4403000100")) ==
        Lines{"440300010001:code-prefix", "440300010002:code-prefix"});
  // Inside an implementation code: after every name and pinyin match.
  CHECK(described(search.query("4000131")) == Lines{"000131128000:code-substring"});
  // Letters alone do not search inside codes: every code of the body holds "MB", yet "mb"
  // finds only the pinyin csyxzMBl.
  CHECK(search.query("mb2").size() == 5);
  CHECK(described(search.query("mb")) == Lines{"440300010001:pinyin"});
  CHECK(search.query("xyzq").empty());
}

TEST_CASE("Search ranks prefixes before substrings and matters before bundles",
          "[forms][catalog][search]") {
  const auto catalog = loadCatalog(kGood);
  const CatalogSearch search(catalog, day("2026-12-01"));
  CHECK(described(search.query("新生儿")) ==
        Lines{"440300010002:name-prefix", "44030000B001:name-prefix"});
  CHECK(described(search.query("出生")) == Lines{"440300010001:name-prefix", "44030000B001:name"});
  CHECK(described(search.query("xse")) ==
        Lines{"440300010002:pinyin-prefix", "44030000B001:pinyin-prefix"});
  // Every word must match; the weakest match ranks the hit.
  CHECK(described(search.query("jzz 申领")) == Lines{"440300007001:name"});
  CHECK(search.query("jzz 津贴").empty());
  // Spaces alone are an empty query.
  CHECK(search.query("  ").size() == 6);
}

TEST_CASE("Search filters by category with sub-categories and by target",
          "[forms][catalog][search]") {
  const auto catalog = loadCatalog(kGood);
  const CatalogSearch search(catalog, day("2026-12-01"));
  CHECK(described(search.query("")) == Lines{"000131128000:all", "440300005010:all",
                                             "440300007001:all", "440300010001:all",
                                             "440300010002:all", "44030000B001:all"});

  SearchFilter legal;
  legal.target = TargetFilter::Legal;
  CHECK(described(search.query("", legal)) == Lines{"000131128000:all"});
  SearchFilter person;
  person.target = TargetFilter::Person;
  CHECK(search.query("", person).size() == 5);

  SearchFilter social;
  social.category = "social";  // the old-age allowance sits in its sub-category "elderly"
  CHECK(described(search.query("", social)) == Lines{"440300005010:all"});
  SearchFilter family;
  family.category = "family";
  CHECK(search.query("", family).size() == 3);
  family.includeBundles = false;
  CHECK(search.query("", family).size() == 2);
  family.limit = 1;
  CHECK(described(search.query("", family)) == Lines{"440300010001:all"});
  SearchFilter nowhere;
  nowhere.category = "no-such-category";
  CHECK(search.query("", nowhere).empty());
}

TEST_CASE("The index offers the versions in effect on its date", "[forms][catalog][search]") {
  const auto catalog = loadCatalog(kGood);
  // Version 2 of the residence permit (until 2026-06-30) has no full-pinyin form.
  const CatalogSearch march(catalog, day("2026-03-01"));
  CHECK(march.query("juzhu").empty());
  REQUIRE(march.query("jzz").size() == 1);
  CHECK(march.query("jzz")[0].matter->version == 2);
  const CatalogSearch december(catalog, day("2026-12-01"));
  REQUIRE(december.query("juzhu").size() == 1);
  CHECK(december.query("juzhu")[0].matter->version == 3);
  // The matter taking effect in 2027 is not found before then.
  CHECK(december.query("440300099001").empty());
  CHECK(CatalogSearch(catalog, day("2027-01-01")).query("440300099001").size() == 1);
}

TEST_CASE("The category tree counts what is offered below each node", "[forms][catalog][search]") {
  const auto catalog = loadCatalog(kGood);
  const CatalogSearch search(catalog, day("2026-12-01"));
  const auto top = search.childCategories("");
  REQUIRE(top.size() == 4);
  CHECK(top[0].category->id == "residence");
  CHECK(top[0].matters == 1);
  CHECK_FALSE(top[0].hasChildren);
  CHECK(top[1].category->id == "social");
  CHECK(top[1].matters == 1);
  CHECK(top[1].hasChildren);
  CHECK(top[3].category->id == "family");
  CHECK(top[3].matters == 2);
  CHECK(top[3].bundles == 1);
  const auto social = search.childCategories("social");
  REQUIRE(social.size() == 2);
  CHECK(social[0].matters == 1);
  CHECK(social[1].category->id == "disability");
  CHECK(social[1].matters == 0);
  // In 2027 the social category also offers the matter that takes effect then.
  CHECK(CatalogSearch(catalog, day("2027-01-01")).childCategories("")[1].matters == 2);
}
