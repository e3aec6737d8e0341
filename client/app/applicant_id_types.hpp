#pragma once
// The kinds of applicant ID the Intake page offers, in the order of its choice: the code the
// case stores (DraftContent::applicantIdType) and the English label, translated when shown.

#include <span>

namespace onewindow::app {

struct ApplicantIdType {
  const char* code;
  const char* label;
};

[[nodiscard]] std::span<const ApplicantIdType> applicantIdTypes();

// Index of the unified social credit code, proposed for a matter only legal entities apply for.
inline constexpr int kUsccIdType = 1;

}  // namespace onewindow::app
