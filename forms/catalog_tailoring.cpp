// The material list the applicant is actually asked for: one matter's list tailored by the
// scenario answers (情形引导), and a bundle's lists merged into one (一件事一次办).

#include <algorithm>
#include <set>
#include <stdexcept>

#include "forms/catalog.hpp"

namespace onewindow::forms {
namespace {

const ScenarioQuestion* findQuestion(const Matter& matter, std::string_view id) {
  for (const auto& question : matter.scenarios) {
    if (question.id == id) return &question;
  }
  return nullptr;
}

const ScenarioAnswer* findAnswer(const ScenarioQuestion& question, std::string_view id) {
  for (const auto& answer : question.answers) {
    if (answer.id == id) return &answer;
  }
  return nullptr;
}

// Colour keeps what grey loses, grey what black-and-white loses.
int colourRichness(ScanColour colour) {
  switch (colour) {
    case ScanColour::BlackWhite:
      return 0;
    case ScanColour::Grey:
      return 1;
    case ScanColour::Colour:
      return 2;
  }
  return 2;
}

// Two parts ask for the same material: ask once, for the most any part needs, and scan it so
// that it satisfies every part's policy.
void mergeInto(Material& merged, const Material& other) {
  if (other.role == MaterialRole::Main) merged.role = MaterialRole::Main;
  merged.originals = std::max(merged.originals, other.originals);
  merged.copies = std::max(merged.copies, other.copies);
  if (merged.medium != other.medium) merged.medium = MaterialMedium::Both;
  if (merged.eLicenceType.empty()) merged.eLicenceType = other.eLicenceType;
  if (merged.note.empty()) merged.note = other.note;
  merged.scan.dpi = std::max(merged.scan.dpi, other.scan.dpi);
  if (colourRichness(other.scan.colour) > colourRichness(merged.scan.colour)) {
    merged.scan.colour = other.scan.colour;
  }
  merged.scan.maxBytes = std::min(merged.scan.maxBytes, other.scan.maxBytes);
  // 0 means "as the attachment": the smallest real page limit wins.
  if (other.scan.maxPageBytes > 0 &&
      (merged.scan.maxPageBytes == 0 || other.scan.maxPageBytes < merged.scan.maxPageBytes)) {
    merged.scan.maxPageBytes = other.scan.maxPageBytes;
  }
  merged.scan.qualityFloor = std::max(merged.scan.qualityFloor, other.scan.qualityFloor);
  if (other.scan.layout == ScanLayout::IdCard) merged.scan.layout = ScanLayout::IdCard;
  merged.scan.sample = merged.scan.sample || other.scan.sample;
  merged.sample = merged.sample || other.sample;
}

}  // namespace

std::vector<const Material*> tailoredMaterials(const Matter& matter,
                                               const ScenarioAnswers& answers) {
  std::set<std::string_view> chosen;
  for (const auto& [questionId, answerIds] : answers) {
    const auto* question = findQuestion(matter, questionId);
    if (question == nullptr) {
      throw std::invalid_argument("matter " + matter.basicCode + " has no scenario question '" +
                                  questionId + "'");
    }
    if (!question->multiple && answerIds.size() > 1) {
      throw std::invalid_argument("scenario question '" + questionId + "' of matter " +
                                  matter.basicCode + " takes one answer, got " +
                                  std::to_string(answerIds.size()));
    }
    for (const auto& answerId : answerIds) {
      const auto* answer = findAnswer(*question, answerId);
      if (answer == nullptr) {
        throw std::invalid_argument("scenario question '" + questionId + "' of matter " +
                                    matter.basicCode + " has no answer '" + answerId + "'");
      }
      chosen.insert(answer->materials.begin(), answer->materials.end());
    }
  }
  std::set<std::string_view> conditional;
  for (const auto& question : matter.scenarios) {
    for (const auto& answer : question.answers) {
      conditional.insert(answer.materials.begin(), answer.materials.end());
    }
  }
  std::vector<const Material*> list;
  for (const auto& material : matter.materials) {
    if (!conditional.contains(material.key) || chosen.contains(material.key)) {
      list.push_back(&material);
    }
  }
  return list;
}

std::vector<BundleMaterial> bundleMaterials(const Catalog& catalog, const Bundle& bundle,
                                            CivilDate date) {
  std::vector<BundleMaterial> merged;
  for (const auto& part : bundle.parts) {
    const auto* matter = catalog.matterOn(part.matter, date);
    if (matter == nullptr) {
      throw std::out_of_range("bundle " + bundle.code + ": part matter " + part.matter +
                              " has no version in effect on " + date.iso());
    }
    for (const auto& material : matter->materials) {
      auto it = std::find_if(merged.begin(), merged.end(), [&](const BundleMaterial& entry) {
        return entry.material.key == material.key;
      });
      if (it == merged.end()) {
        merged.push_back(BundleMaterial{material, {matter->basicCode}});
      } else {
        mergeInto(it->material, material);
        it->matters.push_back(matter->basicCode);
      }
    }
  }
  return merged;
}

}  // namespace onewindow::forms
