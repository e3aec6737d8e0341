#include "client/app/applicant_id_types.hpp"

#include <wx/intl.h>

namespace onewindow::app {

std::span<const ApplicantIdType> applicantIdTypes() {
  static const ApplicantIdType types[] = {
      {"id_card", wxTRANSLATE("Resident ID card")},
      {"uscc", wxTRANSLATE("Unified social credit code")},
      {"passport", wxTRANSLATE("Passport")},
      {"other", wxTRANSLATE("Other document")},
  };
  return types;
}

}  // namespace onewindow::app
