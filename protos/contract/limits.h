// Limits of the CareVoice contract, in Unicode code points unless stated.
// The proto comments name the same numbers; both sides enforce them through
// validation.h. Pure constants: any thread.
#pragma once

#include <cstddef>

namespace carevoice::contract {

inline constexpr std::size_t kMaxBatchItems = 100;
inline constexpr std::size_t kMinSubmissionIdLength = 16;
inline constexpr std::size_t kMaxSubmissionIdLength = 64;
inline constexpr std::size_t kMinDeviceIdLength = 3;
inline constexpr std::size_t kMaxDeviceIdLength = 64;
inline constexpr std::size_t kMaxCatalogIdLength = 64;
inline constexpr std::size_t kMaxLanguageTagLength = 35;

inline constexpr std::size_t kMaxFeedbackText = 5000;
inline constexpr std::size_t kMaxComplaintWhatHappened = 10000;
inline constexpr std::size_t kMaxComplaintDesiredOutcome = 2000;
inline constexpr std::size_t kMaxComplaintLateReason = 2000;
inline constexpr std::size_t kMaxSafeguardingText = 5000;
inline constexpr std::size_t kMaxSafeguardingShort = 500;
inline constexpr std::size_t kMaxIdeaText = 5000;
inline constexpr std::size_t kMaxIdeaWhoBenefits = 1000;
inline constexpr std::size_t kMaxFreeTextAnswer = 5000;

inline constexpr std::size_t kMaxContactName = 200;
inline constexpr std::size_t kMaxContactEmail = 254;
inline constexpr std::size_t kMaxContactPhone = 40;
inline constexpr std::size_t kMaxContactAddress = 500;
inline constexpr std::size_t kMaxNoConsentReason = 500;
inline constexpr std::size_t kMaxEmployer = 200;
inline constexpr std::size_t kMaxLocalizedText = 2000;
// A consultation as published (Consultation, Question in catalog.proto).
inline constexpr std::size_t kMaxConsultationTitle = 200;
inline constexpr std::size_t kMaxConsultationWhoFor = 500;
inline constexpr std::size_t kMaxQuestionText = 1000;
inline constexpr std::size_t kMaxOptionLabel = 200;
inline constexpr std::size_t kMaxConsultationQuestions = 20;
inline constexpr std::size_t kMaxQuestionOptions = 20;

}  // namespace carevoice::contract
